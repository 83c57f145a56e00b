/** Exit codes, stable for scripts and CI: 0 pass, 1 violations found, 2 usage or setup error. */
export const EXIT_PASS = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;
