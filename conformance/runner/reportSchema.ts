/**
 * JSON Schema (2020-12) of the `--json` report (Report.ts), published for the scripts and pipelines that read it.
 * The tests validate every report the runner writes against it.
 */
export const REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tbc.local/schemas/conformance-report.json',
  title: 'tbc conformance report',
  type: 'object',
  required: [
    'tool',
    'version',
    'target',
    'profile',
    'docRevision',
    'seed',
    'ok',
    'durationMs',
    'shards',
    'invariants',
    'coverage',
  ],
  properties: {
    tool: { const: 'tbc' },
    version: { type: 'string' },
    target: { type: 'string' },
    profile: { enum: ['emulated', 'live-safe', 'live-stateful', 'mock'] },
    docRevision: { type: 'string' },
    seed: { type: 'integer' },
    ok: { type: 'boolean' },
    durationMs: { type: 'number', minimum: 0 },
    shards: { type: 'array', items: { type: 'string', pattern: '^[0-9]+/[0-9]+$' } },
    invariants: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'source', 'status', 'durationMs'],
        properties: {
          id: { type: 'string', pattern: '^TTI-([0-9]{2}|MODEL)$' },
          title: { type: 'string' },
          source: { type: 'string' },
          status: { enum: ['passed', 'failed', 'skipped'] },
          reason: { type: 'string' },
          runs: { type: 'integer', minimum: 0 },
          requests: { type: 'integer', minimum: 0 },
          durationMs: { type: 'number', minimum: 0 },
          notObserved: { type: 'array', items: { type: 'string' } },
          counterexample: {
            type: 'object',
            required: ['input', 'text', 'exchanges', 'notes', 'reproduced'],
            properties: {
              input: true,
              text: { type: 'string' },
              exchanges: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['request'],
                  properties: {
                    request: {
                      type: 'object',
                      required: ['method', 'url', 'headers', 'body'],
                      properties: {
                        method: { type: 'string' },
                        url: { type: 'string' },
                        headers: { type: 'object', additionalProperties: { type: 'string' } },
                        body: { type: 'string' },
                      },
                    },
                    response: {
                      type: 'object',
                      required: ['status', 'headers', 'body'],
                      properties: {
                        status: { type: 'integer' },
                        headers: { type: 'object', additionalProperties: { type: 'string' } },
                        body: { type: 'string' },
                      },
                    },
                  },
                },
              },
              notes: { type: 'array', items: { type: 'string' } },
              reproduced: { type: 'boolean' },
            },
          },
          replay: {
            type: 'object',
            required: ['id', 'docRevision', 'seed', 'path', 'numRuns'],
            properties: {
              id: { type: 'string' },
              docRevision: { type: 'string' },
              seed: { type: 'integer' },
              path: { type: 'string' },
              commandsReplayPath: { type: 'string' },
              numRuns: { type: 'integer', minimum: 1 },
            },
          },
          mockLimitation: { type: 'string' },
        },
        allOf: [
          {
            if: { properties: { status: { const: 'failed' } } },
            then: {
              properties: { reason: true, counterexample: true, replay: true },
              required: ['reason', 'counterexample', 'replay'],
            },
          },
          {
            if: { properties: { status: { const: 'skipped' } } },
            then: { properties: { reason: true }, required: ['reason'] },
          },
        ],
      },
    },
    coverage: {
      type: 'object',
      required: ['requests', 'terminations', 'errorCodes', 'terminateCodesNotExercised'],
      properties: {
        requests: { type: 'integer', minimum: 0 },
        terminations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['situation', 'outcomes'],
            properties: {
              situation: { type: 'string' },
              outcomes: { type: 'object', additionalProperties: { type: 'integer', minimum: 1 } },
            },
          },
        },
        errorCodes: { type: 'object', additionalProperties: { type: 'integer', minimum: 1 } },
        terminateCodesNotExercised: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;
