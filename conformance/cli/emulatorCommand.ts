import { InvalidArgumentError, Option, type Command } from 'commander';
import type { TenantRequest } from '../control/controlPlane.ts';
import { type DocRevision, DOC_REVISIONS } from '../../generated/transitions.ts';
import { TbcError } from '../TbcError.ts';
import { createLogger } from '../logger.ts';
import { closeOnSignal } from './closeOnSignal.ts';
import { collect, docRevisionOption, parseNonNegativeInteger, parsePort, parsePositiveNumber } from './parseOptions.ts';
import { resolveCredentials } from './resolveCredentials.ts';
import { addTlsOptions, announceTls, tlsOptionOf, type TlsFlags } from './tlsFlags.ts';

const DEFAULT_EMULATOR_PORT = 4310;

interface EmulatorFlags extends TlsFlags {
  host: string;
  port: number;
  clock: 'real' | 'virtual';
  timeScale: number;
  docRevision: DocRevision;
  /** The old name of --doc-revision, still accepted. */
  profile?: DocRevision;
  secretId?: string;
  secretKey?: string;
  rateLimit: boolean;
  namedEnv?: string[];
  tenant?: CliTenant[];
  region?: string[];
  seed?: number;
}

type CliTenant = Required<Pick<TenantRequest, 'id' | 'credentials'>>;

/** `--tenant id:SecretId:SecretKey` (the key is everything after the second colon, so it may hold colons). */
function collectTenant(value: string, previous: CliTenant[] = []): CliTenant[] {
  const [id = '', secretId = '', ...key] = value.split(':');
  const secretKey = key.join(':');
  if (id === '' || secretId === '' || secretKey === '') {
    throw new InvalidArgumentError('expected id:SecretId:SecretKey, e.g. worker-1:AKIDworker1:its-key.');
  }
  return [...previous, { id, credentials: { secretId, secretKey } }];
}

export function registerEmulatorCommand(program: Command): void {
  const command = program
    .command('emulator')
    .description('Run the stateful Batch emulator that official SDKs talk to unmodified')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', parsePort, DEFAULT_EMULATOR_PORT);
  addTlsOptions(command)
    .addOption(
      new Option('--clock <kind>', 'real: wall time (sped up by --time-scale); virtual: moves only when advanced')
        .choices(['real', 'virtual'])
        .default('real'),
    )
    .option('--time-scale <x>', 'with --clock real: emulator seconds per wall second', parsePositiveNumber, 1)
    .addOption(docRevisionOption('documentation wording to follow'))
    .addOption(new Option('--profile <revision>', 'the old name of --doc-revision').choices(DOC_REVISIONS).hideHelp())
    .option('--secret-id <id>', "accepted SecretId (default: Tencent's published example key)")
    .option('--secret-key <key>', 'its SecretKey')
    .option('--no-rate-limit', 'do not answer RequestLimitExceeded')
    // No default shown: an empty list is not a value anyone would pass (the action reads `?? []`).
    .option('--named-env <EnvId>', 'declare a named compute environment (repeatable)', collect)
    .option(
      '--tenant <id:SecretId:SecretKey>',
      'an extra tenant with its own world, reached by signing with this key pair (repeatable)',
      collectTenant,
    )
    .option(
      '--region <region>',
      "accept this Region too, besides the spec's Batch regions (repeatable; decision D-20)",
      collect,
    )
    .option('--seed <n>', 'seed for ids and probabilistic faults', parseNonNegativeInteger)
    .action(async (flags: EmulatorFlags) => {
      // Loaded here, not at the top: `tbc --help` should not pay for the emulator.
      const { createEmulator } = await import('../emulator/createEmulator.ts');
      // Why an empty environment: the emulator accepts the pair it is given or the example pair, never the user's
      // real TENCENTCLOUD_* keys.
      const credentials = resolveCredentials(flags, {}).value;
      const tls = tlsOptionOf(flags);
      const docRevision = flags.profile ?? flags.docRevision;
      const log = createLogger('emulator');
      const emulator = createEmulator({
        clock: flags.clock,
        timeScale: flags.timeScale,
        docRevision,
        credentials: [credentials],
        namedEnvs: flags.namedEnv ?? [],
        tenants: flags.tenant ?? [],
        regions: flags.region ?? [],
        ...(flags.rateLimit ? {} : { rateLimits: false }),
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      });
      const listening = await emulator.listen({ host: flags.host, port: flags.port, tls }).catch((error: unknown) => {
        if (error instanceof TbcError) throw error;
        throw new TbcError(`cannot listen on ${flags.host}:${flags.port}: ${String(error)}`);
      });
      log.info(
        `listening on ${listening.url} (clock ${flags.clock}, doc revision ${docRevision}, SecretId ${credentials.secretId})`,
      );
      for (const t of flags.tenant ?? []) log.info(`tenant ${t.id}: SecretId ${t.credentials.secretId}`);
      log.info(`control plane: ${listening.url}/_emulator/info (a tenant's: /_emulator/tenants/{tenant}/info)`);
      const removeCertificate = await announceTls(log, 'emulator', listening, flags);
      await closeOnSignal({ close: () => listening.close().then(removeCertificate) });
    });
}
