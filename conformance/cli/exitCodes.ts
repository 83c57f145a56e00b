/**
 * Exit codes, stable for scripts and CI: 0 pass, 1 violations found, 2 usage or setup error, 3 internal error (a bug
 * of the kit: an exception nobody expected, never to be read as "violations found").
 */
export const EXIT_PASS = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;
