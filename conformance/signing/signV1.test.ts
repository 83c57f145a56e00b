import { describe, expect, it } from 'vitest';
import { EXAMPLE_CREDENTIALS } from './Credentials.ts';
import { buildV1StringToSign, signV1 } from './signV1.ts';

// Reference §4.7 vectors C (published) and D (derived).
const params = {
  Action: 'DescribeInstances',
  'InstanceIds.0': 'ins-09dx96dg',
  Limit: '20',
  Nonce: '11886',
  Offset: '0',
  Region: 'ap-guangzhou',
  SecretId: EXAMPLE_CREDENTIALS.secretId,
  Timestamp: '1465185768',
  Version: '2017-03-12',
};

describe('signV1', () => {
  it('builds the string to sign of published vector C', () => {
    expect(buildV1StringToSign({ method: 'GET', host: 'cvm.tencentcloudapi.com', path: '/', params })).toBe(
      'GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0' +
        '&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12',
    );
  });

  it('reproduces published vector C with HmacSHA1', () => {
    const signature = signV1({
      method: 'GET',
      host: 'cvm.tencentcloudapi.com',
      path: '/',
      params,
      secretKey: EXAMPLE_CREDENTIALS.secretKey,
      signatureMethod: 'HmacSHA1',
    });
    expect(signature).toBe('EliP9YW3pW28FpsEdkXt/+WcGeI=');
    expect(encodeURIComponent(signature)).toBe('EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D');
  });

  it('reproduces derived vector D with HmacSHA256 and SignatureMethod sorted between SecretId and Timestamp', () => {
    const withMethod = { ...params, SignatureMethod: 'HmacSHA256' };
    expect(
      buildV1StringToSign({ method: 'GET', host: 'cvm.tencentcloudapi.com', path: '/', params: withMethod }),
    ).toContain('&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&SignatureMethod=HmacSHA256&Timestamp=1465185768&');
    const signature = signV1({
      method: 'GET',
      host: 'cvm.tencentcloudapi.com',
      path: '/',
      params: withMethod,
      secretKey: EXAMPLE_CREDENTIALS.secretKey,
      signatureMethod: 'HmacSHA256',
    });
    expect(signature).toBe('A8uy2/o7WBZXYCTWEFpMrVGhGBVlEGIOioeqRM+fzFs=');
  });

  it('leaves a Signature parameter out of the string to sign', () => {
    const withSignature = { ...params, Signature: 'EliP9YW3pW28FpsEdkXt/+WcGeI=' };
    expect(buildV1StringToSign({ method: 'GET', host: 'h', path: '/', params: withSignature })).not.toContain(
      'Signature',
    );
  });

  it('sorts names in ASCII order, so InstanceIds.12 comes before InstanceIds.2', () => {
    const text = buildV1StringToSign({
      method: 'POST',
      host: 'h',
      path: '/',
      params: { 'InstanceIds.2': 'b', 'InstanceIds.12': 'a' },
    });
    expect(text).toBe('POSTh/?InstanceIds.12=a&InstanceIds.2=b');
  });
});
