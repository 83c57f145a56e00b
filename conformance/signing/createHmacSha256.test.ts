import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHmacSha256 } from './createHmacSha256.ts';

describe('createHmacSha256', () => {
  it('equals node:crypto createHmac for random keys (short, block-sized, longer than a block) and messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }),
        (key, messages) => {
          const hmac = createHmacSha256(key);
          // Several messages under one key: the reused outer block must not carry anything from one call to the next.
          for (const message of messages) {
            expect(hmac(message)).toBe(createHmac('sha256', key).update(message, 'utf8').digest('hex'));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('matches the RFC 4231 test case 2 vector', () => {
    const hmac = createHmacSha256(Buffer.from('Jefe'));
    expect(hmac('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
