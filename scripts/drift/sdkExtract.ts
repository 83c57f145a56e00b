import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SdkModels } from './parseSdkModels.ts';

/** The pinned official SDK the drift check compares spec/ with (change the version, then `npm run drift:extract`). */
export const SDK_SOURCE = {
  package: 'tencentcloud-sdk-nodejs',
  version: '4.1.313',
  file: 'tencentcloud/services/batch/v20170312/batch_models.d.ts',
} as const;

/** The committed extract: the Batch models the spec's actions reach, field by field. */
export const SDK_EXTRACT_FILE = join(import.meta.dirname, 'sdkModels.json');

export interface SdkExtract {
  package: string;
  version: string;
  file: string;
  models: SdkModels;
}

export async function readSdkExtract(): Promise<SdkExtract> {
  return JSON.parse(await readFile(SDK_EXTRACT_FILE, 'utf8')) as SdkExtract;
}
