import { describe, expect, it } from 'vitest';
import { EXAMPLE_CREDENTIALS } from './Credentials.ts';
import { sha256Hex, signTc3, utcDateOf } from './signTc3.ts';

// Test vectors of reference §4.7. A and B are Tencent's published examples; E is derived (two implementations agree).
const { secretId, secretKey } = EXAMPLE_CREDENTIALS;

describe('signTc3', () => {
  it('reproduces published vector A (TC3 POST JSON, CVM DescribeInstances) at every intermediate step', () => {
    const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const result = signTc3({
      method: 'POST',
      host: 'cvm.tencentcloudapi.com',
      canonicalQueryString: '',
      contentType: 'application/json; charset=utf-8',
      body,
      timestamp: 1551113065,
      service: 'cvm',
      secretId,
      secretKey,
    });
    const payloadHash = '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';
    expect(sha256Hex(body)).toBe(payloadHash);
    expect(result.canonicalRequest).toBe(
      `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n${payloadHash}`,
    );
    expect(sha256Hex(result.canonicalRequest)).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(result.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(result.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(result.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(result.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('reproduces published vector B (TC3 GET with the query signed as sent and an empty payload)', () => {
    const result = signTc3({
      method: 'GET',
      host: 'cvm.tencentcloudapi.com',
      canonicalQueryString: 'Limit=10&Offset=0',
      contentType: 'application/x-www-form-urlencoded',
      body: '',
      timestamp: 1539084154,
      service: 'cvm',
      secretId,
      secretKey,
    });
    expect(result.canonicalRequest).toBe(
      'GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\nhost:cvm.tencentcloudapi.com\n\n' +
        `content-type;host\n${sha256Hex('')}`,
    );
    expect(result.credentialScope).toBe('2018-10-09/cvm/tc3_request');
    expect(result.signature).toBe('5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474');
  });

  it('reproduces derived vector E (Batch TerminateTaskInstance, Content-Type without charset)', () => {
    const input = {
      method: 'POST',
      host: 'batch.tencentcloudapi.com',
      canonicalQueryString: '',
      contentType: 'application/json',
      body: new TextEncoder().encode('{"JobId":"job-rybewp57","TaskName":"A","TaskInstanceIndex":0}'),
      timestamp: 1551113065,
      service: 'batch',
      secretId,
      secretKey,
    };
    const result = signTc3(input);
    expect(result.canonicalRequest.split('\n').at(-1)).toBe(
      '13272a005dbc85f38b52e4abb80f5fe0f087ac97c3ec29d57fdd1981f29323ed',
    );
    expect(sha256Hex(result.canonicalRequest)).toBe('7f2e75a8d485a707cf2436bab1719a31a1789f0c8bc1dba76ed18aedde47c2bf');
    expect(result.credentialScope).toBe('2019-02-25/batch/tc3_request');
    expect(result.signature).toBe('614350d08c07704fde0dcd45d30e5c325d1d834a21ec168e854e7602797a74fa');
  });

  it('signs the Content-Type byte for byte, so adding a charset changes vector E to its published variant', () => {
    const result = signTc3({
      method: 'POST',
      host: 'batch.tencentcloudapi.com',
      canonicalQueryString: '',
      contentType: 'application/json; charset=utf-8',
      body: '{"JobId":"job-rybewp57","TaskName":"A","TaskInstanceIndex":0}',
      timestamp: 1551113065,
      service: 'batch',
      secretId,
      secretKey,
    });
    expect(result.signature).toBe('fd5c63881ea573c78cafaeaf63bea0c53458b8c31f78b66a9fd18d0e176fbd32');
  });

  it('uses the UTC date of the timestamp in the scope, even one second before and after midnight UTC', () => {
    expect(utcDateOf(1551139199)).toBe('2019-02-25');
    expect(utcDateOf(1551139200)).toBe('2019-02-26');
  });

  it('signs extra signed headers in the order given by SignedHeaders', () => {
    const base = {
      method: 'POST',
      host: 'batch.tencentcloudapi.com',
      canonicalQueryString: '',
      contentType: 'application/json',
      body: '{}',
      timestamp: 1551113065,
      service: 'batch',
      secretId,
      secretKey,
    };
    const result = signTc3({
      ...base,
      signedHeaders: 'content-type;host;x-tc-action',
      headers: { 'x-tc-action': 'TerminateTaskInstance' },
    });
    expect(result.canonicalRequest).toContain(
      'host:batch.tencentcloudapi.com\nx-tc-action:terminatetaskinstance\n\ncontent-type;host;x-tc-action\n',
    );
    expect(result.signature).not.toBe(signTc3(base).signature);
  });
});
