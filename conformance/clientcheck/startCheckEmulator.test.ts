// The client-check emulator shares the emulator's node:http adapter (serveRaw), so it keeps its answer to an oversize
// body as well (issue 18 item 4).
import { expect, it } from 'vitest';
import { sendOversizeBodies } from '../test-support/sendOversizeBodies.ts';
import { startCheckEmulator } from './startCheckEmulator.ts';

it('answers an 11 MB body sent with Node fetch with the RequestSizeLimitExceeded envelope, 20 times out of 20', async () => {
  const emulator = await startCheckEmulator({
    docRevision: 'seed',
    seed: 1,
    client: { secretId: 'AKIDclient', secretKey: 'client-key' },
    kit: { secretId: 'AKIDkit', secretKey: 'kit-key' },
    namedEnv: 'env-abcdefgh',
  });
  try {
    expect(await sendOversizeBodies(`http://${emulator.endpoint}`, { times: 20 })).toEqual({
      enveloped: 20,
      failures: [],
    });
  } finally {
    await emulator.close();
  }
});
