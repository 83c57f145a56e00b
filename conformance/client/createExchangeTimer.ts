import { formatMs, type Deadlines } from './Deadlines.ts';
import type { NoAnswer } from './sendRequest.ts';

export interface ExchangeTimer {
  /** Settles with the reason when a deadline runs out (never otherwise). */
  expired: Promise<NoAnswer>;
  /** Starts the next phase: at most `phaseMs` for `what` to happen, and never past the whole exchange's deadline. */
  phase(phaseMs: number, what: string): void;
  stop(): void;
}

/**
 * The one timer of an exchange (both senders use it): the current phase's deadline, or what is left of the whole
 * exchange's when that ends sooner, so the reason names the bound that ran out. `onExpire` cuts the exchange off
 * (destroys the socket, aborts the Fetch call).
 */
export function createExchangeTimer(deadlines: Deadlines, onExpire: () => void): ExchangeTimer {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let expire: (outcome: NoAnswer) => void = () => undefined;
  const expired = new Promise<NoAnswer>((resolve) => {
    expire = resolve;
  });
  return {
    expired,
    phase(phaseMs, what) {
      clearTimeout(timer);
      const wholeLeft = deadlines.requestMs - (performance.now() - started);
      const [ms, reason] =
        phaseMs < wholeLeft
          ? [phaseMs, `${what} within ${formatMs(phaseMs)}`]
          : [Math.max(0, wholeLeft), `the answer did not end within ${formatMs(deadlines.requestMs)}`];
      timer = setTimeout(() => {
        onExpire();
        expire({ reason, timedOut: true });
      }, ms);
    },
    stop: () => {
      clearTimeout(timer);
    },
  };
}

/** The phases' names, one wording for both senders. */
export const WAITING_FOR_HEADERS = 'no status line and headers';
export const WAITING_FOR_BODY = 'no more of the body';
