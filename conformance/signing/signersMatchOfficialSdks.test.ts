import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeParams } from '../wire/encodeParams.ts';
import { loadOfficialSdks, type SignStringContext } from '../test-only/loadOfficialSdks.ts';
import { signTc3 } from './signTc3.ts';
import { signV1, type V1SignatureMethod } from './signV1.ts';

// Our signers against the official Node SDKs' own signers (reference §5), on random inputs. The SDKs are the
// behaviour real clients have, so any disagreement is a bug in our signer (or a quirk to document).
const sdks = loadOfficialSdks();
const NUM_RUNS = 1000;

const host = fc.domain();
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const timestamp = fc.integer({ min: 0, max: 4_102_444_800 });
const secretId = fc.stringMatching(/^AKID[A-Za-z0-9]{1,36}$/);
const secretKey = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 48 });
const action = fc.constantFrom('TerminateTaskInstance', 'DescribeJob', 'DescribeTask', 'SubmitJob', 'TerminateJob');
const paramName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}(\.[A-Za-z0-9]{1,8}){0,2}$/)
  .filter((n) => n !== 'Signature');
const params = fc.dictionary(paramName, fc.string({ unit: 'grapheme', maxLength: 24 }), { maxKeys: 8 });
const body = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  fc.json().map((text) => new TextEncoder().encode(text)),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/octet-stream');

describe('our signers agree with the official Node SDK signers', () => {
  it('gives the same TC3 Authorization as both SDKs for random POST bodies, timestamps, keys and hosts', () => {
    fc.assert(
      fc.property(host, port, body, timestamp, secretId, secretKey, contentType, (h, p, b, ts, id, key, ct) => {
        const service = h.split('.')[0] ?? '';
        const ours = signTc3({
          method: 'POST',
          host: h,
          canonicalQueryString: '',
          contentType: ct,
          body: b,
          timestamp: ts,
          service,
          secretId: id,
          secretKey: key,
        });
        const sdkInput = {
          method: 'POST',
          // Node SDKs sign `URL.hostname`, without the port (reference §5.2 item 2).
          url: `https://${h}${p === undefined ? '' : `:${p}`}/`,
          payload: Buffer.from(b),
          timestamp: ts,
          service,
          secretId: id,
          secretKey: key,
          multipart: false,
          boundary: undefined,
          headers: { 'Content-Type': ct },
        };
        expect(ours.authorization).toBe(sdks.common.signer.sign3(sdkInput));
        expect(ours.authorization).toBe(sdks.intl.signer.sign3(sdkInput));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives the same TC3 Authorization as both SDKs for random GET queries with an action', () => {
    fc.assert(
      fc.property(host, action, params, timestamp, secretId, secretKey, (h, a, ps, ts, id, key) => {
        const query = encodeParams({ ...ps, Action: a });
        const ours = signTc3({
          method: 'GET',
          host: h,
          canonicalQueryString: query,
          contentType: 'application/x-www-form-urlencoded',
          body: '',
          timestamp: ts,
          service: 'batch',
          secretId: id,
          secretKey: key,
        });
        const sdkInput = {
          method: 'GET',
          url: `https://${h}/?${query}`,
          payload: '',
          timestamp: ts,
          service: 'batch',
          secretId: id,
          secretKey: key,
          multipart: false,
          boundary: undefined,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        };
        expect(ours.authorization).toBe(sdks.common.signer.sign3(sdkInput));
        expect(ours.authorization).toBe(sdks.intl.signer.sign3(sdkInput));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives the same TC3 Authorization as the SDKs when consecutive calls change only the key, the date or the service', () => {
    // signTc3 caches signing keys (the last one, then a map by key, date and service). Sequences over two values of
    // each give neighbours that differ in only one of the three, so a cache that ignores any of them signs wrongly.
    const day = 1_551_113_065;
    const call = fc.record({
      secretKey: fc.constantFrom('Gu5t9xGARNpq86cd98joQYCN3Cozk1qA', 'tbcOtherSecretKey0000000000000000'),
      timestamp: fc.constantFrom(day, day + 86_400),
      service: fc.constantFrom('batch', 'cvm'),
    });
    fc.assert(
      fc.property(fc.array(call, { minLength: 2, maxLength: 12 }), (calls) => {
        for (const { secretKey: key, timestamp: ts, service } of calls) {
          const ours = signTc3({
            method: 'POST',
            host: `${service}.tencentcloudapi.com`,
            canonicalQueryString: '',
            contentType: 'application/json',
            body: '{}',
            timestamp: ts,
            service,
            secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
            secretKey: key,
          });
          const official = sdks.common.signer.sign3({
            method: 'POST',
            url: `https://${service}.tencentcloudapi.com/`,
            // A Buffer, as in the tests above: sign3 JSON-encodes any other payload before hashing it.
            payload: Buffer.from('{}'),
            timestamp: ts,
            service,
            secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
            secretKey: key,
            multipart: false,
            boundary: undefined,
            headers: { 'Content-Type': 'application/json' },
          });
          expect(ours.authorization).toBe(official);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same v1 string to sign and signature as both SDKs for random params, hosts, methods and keys', () => {
    const signatureMethod = fc.constantFrom<V1SignatureMethod>('HmacSHA1', 'HmacSHA256');
    const method = fc.constantFrom('GET', 'POST');
    fc.assert(
      fc.property(
        host,
        port,
        method,
        action,
        params,
        timestamp,
        secretId,
        secretKey,
        signatureMethod,
        (h, p, m, a, ps, ts, id, key, sm) => {
          // The v1 string to sign keeps the port (reference §5.2 item 3).
          const endpoint = `${h}${p === undefined ? '' : `:${p}`}`;
          const all = {
            ...ps,
            Action: a,
            Nonce: String(ts % 65536),
            SecretId: id,
            SignatureMethod: sm,
            Timestamp: String(ts),
            Version: '2017-03-12',
          };
          const ours = signV1({
            method: m,
            host: endpoint,
            path: '/',
            params: all,
            secretKey: key,
            signatureMethod: sm,
          });
          const context: SignStringContext = {
            profile: { httpProfile: { reqMethod: m } },
            endpoint,
            path: '/',
            getEndpoint: () => endpoint,
          };
          const commonText = sdks.common.formatSignString.call(context, { ...all });
          const intlText = sdks.intl.formatSignString.call(context, { ...all });
          expect(ours).toBe(sdks.common.signer.sign(key, commonText, sm));
          expect(ours).toBe(sdks.intl.signer.sign(key, intlText, sm));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
