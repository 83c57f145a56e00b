import { describe, expect, it } from 'vitest';
import { hostCandidates } from './hostCandidates.ts';

describe('hostCandidates', () => {
  it('offers the Host header as sent and without its port', () => {
    expect(hostCandidates('127.0.0.1:18517')).toEqual(['127.0.0.1:18517', '127.0.0.1']);
    expect(hostCandidates('[::1]:8080')).toEqual(['[::1]:8080', '[::1]']);
  });

  it('offers a host without a port once', () => {
    expect(hostCandidates('batch.tencentcloudapi.com')).toEqual(['batch.tencentcloudapi.com']);
  });
});
