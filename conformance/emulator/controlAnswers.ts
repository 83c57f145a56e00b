import type { ValidateFunction } from 'ajv';
import {
  CONTROL_SCHEMAS,
  type AdvanceRequest,
  type ControlError,
  type DeclareEnvRequest,
  type FaultSpec,
  type ResetRequest,
  type RestoreRequest,
  type TenantRequest,
} from '../control/controlPlane.ts';
import type { RawResponse } from '../wire/RawExchange.ts';
import { createAjv } from '../schema/createAjv.ts';

// The control plane's answers and request validators, shared by its emulator-wide and per-tenant routes.

const ajv = createAjv();

/** Compiled once per process: every tenant's control calls share them. */
export const CONTROL_VALIDATORS = {
  advance: ajv.compile<AdvanceRequest>(CONTROL_SCHEMAS.advance),
  reset: ajv.compile<ResetRequest>(CONTROL_SCHEMAS.reset),
  declareEnv: ajv.compile<DeclareEnvRequest>(CONTROL_SCHEMAS.declareEnv),
  addFault: ajv.compile<FaultSpec>(CONTROL_SCHEMAS.addFault),
  createTenant: ajv.compile<TenantRequest>(CONTROL_SCHEMAS.createTenant),
  restore: ajv.compile<RestoreRequest>(CONTROL_SCHEMAS.restore),
};

export function json(status: number, body: unknown): RawResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A refusal: its status and a one-line reason. */
export function refuse(status: number, error: string): RawResponse {
  return json(status, { error } satisfies ControlError);
}

/** ajv's one-line summary of why `validate` rejected its last input. */
export function errorsOf(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors);
}

/** A request body the route's schema rejects: 400 with ajv's summary of why. */
export function invalid(validate: ValidateFunction): RawResponse {
  return refuse(400, errorsOf(validate));
}

/** A client-chosen value quoted in a reason: JSON-quoted and cut short, so the reason stays one short line. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
}
