import packageJson from '../../package.json' with { type: 'json' };

/** The kit's version, stamped into every report. */
export const TOOL_VERSION: string = packageJson.version;
