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

/** What a common-parameter fault draws on: an unknown action name, another version. */
export interface CommonParamValues {
  action: string;
  version: string;
}

export const commonParamValuesArb: fc.Arbitrary<CommonParamValues> = fc.record({
  action: unknownActionArb,
  version: otherVersionArb,
});

/** A kind of common-parameter fault, a dimension of TTI-10's coverage phase; `make` builds it from drawn values. */
export interface CommonParamFaultKind {
  readonly label: string;
  make(values: CommonParamValues): CommonParamFault;
}

const omitted = (name: 'Action' | 'Version' | 'Timestamp'): CommonParamFaultKind => ({
  label: `no ${name}`,
  make: () => ({
    what: `no ${name}`,
    malformation: { kind: 'omit-common-parameter', name },
    expect: 'MissingParameter',
  }),
});

export const COMMON_PARAM_FAULTS: readonly CommonParamFaultKind[] = [
  {
    label: 'unknown Action',
    make: ({ action }) => ({
      what: `Action "${action}"`,
      malformation: { kind: 'action', value: action },
      expect: 'InvalidAction',
    }),
  },
  {
    label: 'another Version',
    make: ({ version }) => ({
      what: `Version "${version}"`,
      malformation: { kind: 'version', value: version },
      expect: 'NoSuchVersion',
    }),
  },
  omitted('Action'),
  omitted('Version'),
  omitted('Timestamp'),
];
