import { describe, expect, it } from 'vitest';
import { envelope, layered, type Behaviour, type LiveRequest } from './LiveRequest.ts';
import { responseOf, serveBehaviours } from './serveBehaviours.ts';

/** A behaviour that notes when it sees the request and the answer. */
function tracing(name: string, trace: string[]): Behaviour {
  return async (_request, next) => {
    trace.push(`${name} in`);
    const answer = await next();
    trace.push(`${name} out`);
    return answer;
  };
}

describe('layered', () => {
  it('runs the first behaviour outermost: it sees the request first and the answer last', async () => {
    const trace: string[] = [];
    const handler = layered(() => {
      trace.push('base');
      return Promise.resolve(envelope({}));
    }, [tracing('a', trace), tracing('b', trace)]);
    await handler({} as LiveRequest);
    expect(trace).toEqual(['a in', 'b in', 'base', 'b out', 'a out']);
  });

  it('lets a behaviour answer without passing the request on', async () => {
    const answering: Behaviour = () => Promise.resolve(envelope({ From: 'behaviour' }));
    const { target, reached } = serveBehaviours([answering]);
    expect(responseOf(await target().DescribeJob({ JobId: 'job-abcdefgh' }))['From']).toBe('behaviour');
    expect(reached).toEqual([]);
  });
});

describe('readLiveRequest (through serveLive)', () => {
  it('reads a signed call once: action, SecretId, Region and JobId; an unsigned one only by its action', async () => {
    const { target, reached } = serveBehaviours([]);
    await target({ region: 'ap-shanghai' }).TerminateTaskInstance({
      JobId: 'job-abcdefgh',
      TaskName: 'A',
      TaskInstanceIndex: 2,
    });
    await target({ credentials: { secretId: 'AKIDunknown000000000000000000001', secretKey: 'x' } }).DescribeJob({
      JobId: 'job-abcdefgh',
    });
    const [signed, unknown] = reached;
    expect(signed?.call).toMatchObject({
      action: 'TerminateTaskInstance',
      region: 'ap-shanghai',
      jobId: 'job-abcdefgh',
      reading: { outcome: { ok: true } },
    });
    expect(unknown?.action).toBe('DescribeJob');
    expect(unknown?.call).toBeUndefined();
  });
});
