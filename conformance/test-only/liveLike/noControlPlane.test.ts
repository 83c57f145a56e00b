import { describe, expect, it } from 'vitest';
import { IN_PROCESS_ORIGIN } from '../../client/createApiClient.ts';
import { noControlPlane } from './noControlPlane.ts';
import { outcomeOfAnswer, serveBehaviours } from './serveBehaviours.ts';

describe('noControlPlane', () => {
  it('answers /_emulator/ paths with HTTP 200 and an InvalidAction envelope, without passing them on', async () => {
    const { implementation, reached } = serveBehaviours([noControlPlane()]);
    const response = await implementation(new Request(new URL('/_emulator/info', IN_PROCESS_ORIGIN)));
    expect(response.status).toBe(200);
    expect((JSON.parse(await response.text()) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe(
      'InvalidAction',
    );
    expect(reached).toEqual([]);
  });

  it('passes API calls on', async () => {
    const { target, reached } = serveBehaviours([noControlPlane()]);
    expect(outcomeOfAnswer(await target().DescribeJob({ JobId: 'job-abcdefgh' }))).toBe('Success');
    expect(reached.map((r) => r.action)).toEqual(['DescribeJob']);
  });
});
