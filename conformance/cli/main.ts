// Argument parsing and exit codes only (architecture.md): every verb is a thin call into one room.
// Exit codes, stable for scripts and CI: 0 pass, 1 violations found, 2 usage or setup error.
import { Command, CommanderError } from 'commander';
import { TbcError } from '../TbcError.ts';
import { createLogger } from '../logger.ts';
import { registerEmulatorCommand } from './emulatorCommand.ts';
import { registerMockCommand } from './mockCommand.ts';

export const EXIT_PASS = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

const log = createLogger('tbc');

function buildProgram(): Command {
  const program = new Command('tbc')
    .description('Contract tests, emulator and conformance runner for Tencent Cloud Batch TerminateTaskInstance')
    .showHelpAfterError()
    .exitOverride();
  // Verbs register here, one line each.
  registerEmulatorCommand(program);
  registerMockCommand(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  return program;
}

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
    throw error;
  }
}
