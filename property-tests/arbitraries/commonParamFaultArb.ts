import fc from 'fast-check';
import { API_VERSION } from '../../generated/actions.ts';
import type { ErrorCode } from '../../generated/errorCodes.ts';
import type { Malformation } from '../../conformance/client/Malformation.ts';

/** A common parameter wrong in a way the API 3.0 common codes answer with one code only (reference §3.2). */
export interface CommonParamFault {
  what: string;
  malformation: Malformation;
  expect: Extract<ErrorCode, 'InvalidAction' | 'NoSuchVersion' | 'MissingParameter'>;
}

/**
 * Action names no Batch API has: the `Tbc` prefix keeps generated names clear of real actions (which a live endpoint
 * would process), and the names every JavaScript object inherits catch a server that looks actions up with `in`.
 */
const unknownActionArb = fc.oneof(
  fc.stringMatching(/^[A-Z][A-Za-z]{2,20}$/).map((name) => `Tbc${name}`),
  fc.constantFrom('TerminateEverything', 'constructor', 'toString', 'hasOwnProperty', '__proto__'),
);

/** Versions other than the one the API has: other dates, and non-dates. */
const otherVersionArb = fc
  .oneof(
    fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('latest', '2017-3-12', '20170312', 'v3'),
  )
  .filter((v) => v !== API_VERSION);

export const commonParamFaultArb: fc.Arbitrary<CommonParamFault> = fc.oneof(
  unknownActionArb.map((value): CommonParamFault => ({
    what: `Action "${value}"`,
    malformation: { kind: 'action', value },
    expect: 'InvalidAction',
  })),
  otherVersionArb.map((value): CommonParamFault => ({
    what: `Version "${value}"`,
    malformation: { kind: 'version', value },
    expect: 'NoSuchVersion',
  })),
  fc.constantFrom('Action' as const, 'Version' as const, 'Timestamp' as const).map((name): CommonParamFault => ({
    what: `no ${name}`,
    malformation: { kind: 'omit-common-parameter', name },
    expect: 'MissingParameter',
  })),
);

/** The four wire forms a common parameter travels in (reference §4.2). */
export const wireFormArb = fc.constantFrom(
  { signMethod: 'TC3' as const, method: 'POST' as const },
  { signMethod: 'TC3' as const, method: 'GET' as const },
  { signMethod: 'v1' as const, method: 'POST' as const },
  { signMethod: 'v1' as const, method: 'GET' as const },
);
