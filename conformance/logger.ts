/* eslint-disable no-console -- the one place that writes to the console (conventions §14) */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger for scripts and the CLI: one prefix per tool, stderr for problems. Never pass it a secret. */
export function createLogger(prefix: string): Logger {
  return {
    info: (message) => {
      console.log(`[${prefix}] ${message}`);
    },
    warn: (message) => {
      console.error(`[${prefix}] warning: ${message}`);
    },
    error: (message) => {
      console.error(`[${prefix}] error: ${message}`);
    },
  };
}
