import type { RunnerProfile } from '../../generated/reportTypes.ts';
import REPORT_SCHEMA from './report.schema.json' with { type: 'json' };

/** Every runner profile, in the order of the report schema's enum (the one list of them). */
export const RUNNER_PROFILES = REPORT_SCHEMA.$defs.RunnerProfile.enum as RunnerProfile[];
