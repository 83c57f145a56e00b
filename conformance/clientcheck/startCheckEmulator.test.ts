// The client-check emulator shares the emulator's node:http adapter (serveRaw): it keeps its answer to an oversize
// body as well (a client that writes the whole body before reading), and serves HTTPS when asked.
import { request } from 'node:https';
import { expect, it } from 'vitest';
import { sendOversizeBodies } from '../test-only/sendOversizeBodies.ts';
import { startCheckEmulator, type CheckEmulatorOptions } from './startCheckEmulator.ts';

const OPTIONS: CheckEmulatorOptions = {
  docRevision: 'seed',
  seed: 1,
  client: { secretId: 'AKIDclient', secretKey: 'client-key' },
  kit: { secretId: 'AKIDkit', secretKey: 'kit-key' },
  namedEnv: 'env-abcdefgh',
};

it('answers an 11 MB body sent with Node fetch with the RequestSizeLimitExceeded envelope, 20 times out of 20', async () => {
  const emulator = await startCheckEmulator(OPTIONS);
  try {
    expect(await sendOversizeBodies(`${emulator.protocol}${emulator.endpoint}`, { times: 20 })).toEqual({
      enveloped: 20,
      failures: [],
    });
  } finally {
    await emulator.close();
  }
});

it('with tls: true, speaks HTTPS with a certificate it hands back for the client under test', async () => {
  const emulator = await startCheckEmulator({ ...OPTIONS, tls: true });
  try {
    expect(emulator.protocol).toBe('https://');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request(`https://${emulator.endpoint}/_emulator/info`, { ca: emulator.ca }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
  } finally {
    await emulator.close();
  }
});
