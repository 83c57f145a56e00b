#!/usr/bin/env node
// The `tbc` executable (compiled to dist/conformance/cli/main.js; in a clone, tbc.mjs runs it through tsx).
// Argument parsing and exit codes only (architecture.md): every verb is a thin call into one room. Each verb loads
// its room inside its action, so `tbc --help` and `tbc --version` load little more than commander.
import { Command, CommanderError } from 'commander';
import { TbcError } from '../TbcError.ts';
import { describeValue } from '../describeValue.ts';
import { createLogger } from '../logger.ts';
import { registerCleanupCommand } from './cleanupCommand.ts';
import { registerClientCheckCommand } from './clientCheckCommand.ts';
import { registerConformanceCommand } from './conformanceCommand.ts';
import { registerEmulatorCommand } from './emulatorCommand.ts';
import { EXIT_INTERNAL, EXIT_PASS, EXIT_USAGE, exitCodesHelp, type VerbKind } from './exitCodes.ts';
import { registerMockCommand } from './mockCommand.ts';
import { registerProxyCommand } from './proxyCommand.ts';
import { registerReportCommand } from './reportCommand.ts';
import { UsageError } from './UsageError.ts';
import { TOOL_VERSION } from '../toolVersion.ts';

const log = createLogger('tbc');

/** Which exit codes each verb's help lists (exitCodes.ts): judging verbs, or servers that run until stopped. */
const VERB_KINDS: Readonly<Record<string, VerbKind>> = {
  conformance: 'judging',
  'client-check': 'judging',
  'report merge': 'judging',
  cleanup: 'judging',
  emulator: 'serving',
  mock: 'serving',
  proxy: 'serving',
};

/** `report merge`: a command's words after `tbc`. */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c = command; c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The line that follows a usage error: where the usage is. */
function seeHelp(command: Command): string {
  const path = pathOf(command);
  return `see \`tbc${path === '' ? '' : ` ${path}`} --help\``;
}

/** The verb that is running, for the hint of a usage error its action throws. */
let running: Command | undefined;

function buildProgram(): Command {
  const program = new Command('tbc')
    .description('Contract tests, emulator and conformance runner for Tencent Cloud Batch TerminateTaskInstance')
    .version(TOOL_VERSION, '-V, --version', 'print the version of tbc')
    .addHelpText('after', exitCodesHelp('judging'));
  // Verbs register here, one line each.
  registerConformanceCommand(program);
  registerEmulatorCommand(program);
  registerMockCommand(program);
  registerClientCheckCommand(program);
  registerProxyCommand(program);
  registerReportCommand(program);
  registerCleanupCommand(program);
  // Every command: a usage error is one line and where to read the usage, never the whole help (CI logs, pipes).
  const harden = (command: Command): void => {
    command.exitOverride().configureOutput({
      outputError: (message, write) => {
        write(`[tbc] ${message.trim().replace(/\s*\n\s*/g, ' ')} — ${seeHelp(command)}\n`);
      },
    });
    const kind = VERB_KINDS[pathOf(command)];
    if (kind !== undefined) command.addHelpText('after', exitCodesHelp(kind));
    for (const sub of command.commands) harden(sub);
  };
  harden(program);
  program.hook('preAction', (_program, action) => {
    running = action;
  });
  return program;
}

/** A bug of the kit: exit 3 (never 1, which CI reads as "violations found") with a hint to report it. */
function internalError(error: unknown): void {
  log.error(
    `internal error (a bug in tbc, not in the target): ${describeValue(error)}\nPlease report it to the tbc maintainers with the command you ran and this message.`,
  );
  process.exitCode = EXIT_INTERNAL;
}

/** A reader that went away (`| head`, `| grep -m1`): nothing more to print to it, and nothing wrong with the run. */
function isClosedOutput(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

// Once stdout or stderr is closed, writes to it fail asynchronously; the run goes on and its own exit code stands.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (!isClosedOutput(error)) internalError(error);
  });
}

// Failures outside the awaited command (a server callback, a stray promise) are kit bugs too.
process.on('uncaughtException', (error) => {
  if (isClosedOutput(error)) return;
  internalError(error);
  process.exit();
});
process.on('unhandledRejection', (reason) => {
  if (isClosedOutput(reason)) return;
  internalError(reason);
  process.exit();
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here with code 0; everything else commander rejects is a usage error (already printed).
    process.exitCode = error.exitCode === 0 ? EXIT_PASS : EXIT_USAGE;
  } else if (error instanceof UsageError) {
    log.error(`${error.message} — ${running === undefined ? 'see `tbc --help`' : seeHelp(running)}`);
    process.exitCode = EXIT_USAGE;
  } else if (error instanceof TbcError) {
    log.error(error.message);
    process.exitCode = EXIT_USAGE;
  } else if (isClosedOutput(error)) {
    // The output went away; the run's own exit code (if it set one) stands.
  } else {
    internalError(error);
  }
}
