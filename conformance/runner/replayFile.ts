import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TbcError } from '../TbcError.ts';
import { TOOL_VERSION } from '../toolVersion.ts';
import { DOC_REVISIONS } from '../../generated/transitions.ts';
import { isInvariantId } from '../../property-tests/catalogue.ts';
import { validateReplayData } from './validateReport.ts';
import type { InvariantReport, Report, ReplayData } from '../../generated/reportTypes.ts';

/** A replay file: one failure, with what reproduces it and the evidence seen (secrets already redacted). */
export interface ReplayFile {
  tool: 'tbc';
  kind: 'replay';
  version: string;
  target: string;
  replay: ReplayData;
  reason: string;
  counterexample: InvariantReport['counterexample'];
}

/** Writes one replay file per failed invariant into `dir`; returns each invariant's path. */
export async function writeReplayFiles(report: Report, dir: string): Promise<Map<string, string>> {
  const failed = report.invariants.filter((i) => i.status === 'failed' && i.replay !== undefined);
  const paths = new Map<string, string>();
  if (failed.length === 0) return paths;
  await mkdir(dir, { recursive: true });
  for (const inv of failed) {
    const file: ReplayFile = {
      tool: 'tbc',
      kind: 'replay',
      version: TOOL_VERSION,
      target: report.target,
      replay: inv.replay as ReplayData,
      reason: inv.reason ?? '',
      counterexample: inv.counterexample,
    };
    const path = join(dir, `${inv.id}.json`);
    await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
    paths.set(inv.id, path);
  }
  return paths;
}

/** Reads the replay data of `id` from a replay file or from a whole JSON report. */
export async function readReplay(path: string, id: string): Promise<ReplayData> {
  if (!isInvariantId(id)) throw new TbcError(`--id ${id} is not an invariant id`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TbcError(`cannot read replay file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const candidates: unknown[] =
    typeof parsed === 'object' && parsed !== null && 'invariants' in parsed && Array.isArray(parsed.invariants)
      ? parsed.invariants.map((i: { replay?: unknown }) => i.replay)
      : [typeof parsed === 'object' && parsed !== null && 'replay' in parsed ? parsed.replay : undefined];
  const replay = candidates.find(
    (r): r is Record<string, unknown> => typeof r === 'object' && r !== null && (r as { id?: unknown }).id === id,
  );
  if (replay === undefined) throw new TbcError(`${path} holds no recorded failure of ${id}`);
  const problems = validateReplayData(replay);
  if (problems !== undefined) throw new TbcError(`${path}: the replay data of ${id} is not valid: ${problems}`);
  const data = replay as unknown as ReplayData;
  if (!(DOC_REVISIONS as readonly string[]).includes(data.docRevision)) {
    throw new TbcError(
      `${path}: the replay data of ${id} names doc revision "${data.docRevision}"; known revisions are ${DOC_REVISIONS.join(', ')}`,
    );
  }
  return data;
}
