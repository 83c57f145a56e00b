import type { SignatureScheme } from '../../conformance/wire/SignatureScheme.ts';

/**
 * One of the four documented ways a request travels (reference §4.2): TC3 as a JSON POST or a GET query, v1 as a
 * form POST or a GET query. A dimension of every invariant that sends TerminateTaskInstance or TerminateJob: what a
 * call means must not depend on its wire form.
 */
export interface WireForm {
  readonly scheme: SignatureScheme;
  readonly method: 'GET' | 'POST';
  /** `TC3 POST`, `v1 GET`: how a cell, a counterexample and a report name it. */
  readonly label: string;
}

const form = (scheme: SignatureScheme, method: 'GET' | 'POST'): WireForm => ({
  scheme,
  method,
  label: `${scheme} ${method}`,
});

/** The recommended form first (reference §4.2: "POST (recommended)"), as the typed calls send it. */
export const TC3_POST = form('TC3', 'POST');

export const WIRE_FORMS: readonly WireForm[] = [TC3_POST, form('TC3', 'GET'), form('v1', 'POST'), form('v1', 'GET')];

/** The forms whose parameters travel as text (a query or a form body), where integers are read from text (D-22). */
export const FLAT_FORMS: readonly WireForm[] = WIRE_FORMS.filter((f) => f !== TC3_POST);
