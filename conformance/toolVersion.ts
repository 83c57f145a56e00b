import { PACKAGE_MANIFEST } from './packageManifest.ts';

/** The kit's version, stamped into every report. */
export const TOOL_VERSION: string = PACKAGE_MANIFEST.version;
