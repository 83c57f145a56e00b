import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { runConformance } from '../conformance/runner/runConformance.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import { CATALOGUE } from '../property-tests/catalogue.ts';
for (const inv of CATALOGUE) {
  const emulator = createEmulator({ clock: 'virtual', seed: 1 });
  const s = performance.now();
  const r = await runConformance({ url: 'x', implementation: emulator.implementation, credentials: EXAMPLE_CREDENTIALS, credentialsAreExample: true, profile: 'auto', docRevision: 'seed', runs: 25, seed: 1, only: [inv.id] });
  console.log(inv.id.padEnd(10), String(r.coverage.requests).padStart(6), (performance.now() - s).toFixed(0).padStart(6), 'ms', r.invariants[0]?.status);
}
