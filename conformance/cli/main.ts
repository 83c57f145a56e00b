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
import { EXIT_INTERNAL, EXIT_PASS, EXIT_USAGE } from './exitCodes.ts';
import { registerMockCommand } from './mockCommand.ts';
import { registerProxyCommand } from './proxyCommand.ts';
import { registerReportCommand } from './reportCommand.ts';
import { TOOL_VERSION } from '../runner/toolVersion.ts';

const log = createLogger('tbc');

function buildProgram(): Command {
  const program = new Command('tbc')
    .description('Contract tests, emulator and conformance runner for Tencent Cloud Batch TerminateTaskInstance')
    .version(TOOL_VERSION, '-V, --version', 'print the version of tbc')
    .showHelpAfterError()
    .exitOverride();
  // Verbs register here, one line each.
  registerConformanceCommand(program);
  registerEmulatorCommand(program);
  registerMockCommand(program);
  registerClientCheckCommand(program);
  registerProxyCommand(program);
  registerReportCommand(program);
  registerCleanupCommand(program);
  const harden = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride().showHelpAfterError();
      harden(sub);
    }
  };
  harden(program);
  return program;
}

/** A bug of the kit: exit 3 (never 1, which CI reads as "violations found") with a hint to report it. */
function internalError(error: unknown): void {
  const detail = describeValue(error);
  log.error(
    `internal error (a bug in tbc, not in the target): ${detail}\nPlease report it to the tbc maintainers with the command you ran and this message.`,
  );
  process.exitCode = EXIT_INTERNAL;
}

// Failures outside the awaited command (a server callback, a stray promise) are kit bugs too.
process.on('uncaughtException', (error) => {
  internalError(error);
  process.exit();
});
process.on('unhandledRejection', (reason) => {
  internalError(reason);
  process.exit();
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here with code 0; everything else commander rejects is a usage error.
    process.exitCode = error.exitCode === 0 ? EXIT_PASS : EXIT_USAGE;
  } else if (error instanceof TbcError) {
    log.error(error.message);
    process.exitCode = EXIT_USAGE;
  } else {
    internalError(error);
  }
}
