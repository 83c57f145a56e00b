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
  const wholeEnd = performance.now() + deadlines.requestMs;
  let phaseEnd = wholeEnd;
  let current = { ms: deadlines.requestMs, what: '' };
  let timer: NodeJS.Timeout | undefined;
  let armedFor = Number.POSITIVE_INFINITY;
  let expire: (outcome: NoAnswer) => void = () => undefined;
  const expired = new Promise<NoAnswer>((resolve) => {
    expire = resolve;
  });
  const deadline = (): number => Math.min(phaseEnd, wholeEnd);
  // Why one timer that re-arms itself for the rest when it fires early: a phase that moves on (another piece of the
  // body) only pushes the deadline out, so most exchanges set one timer, not one per piece.
  const arm = (at: number): void => {
    armedFor = at;
    timer = setTimeout(fire, Math.max(0, at - performance.now()));
  };
  const fire = (): void => {
    const at = deadline();
    if (performance.now() < at) {
      arm(at);
      return;
    }
    onExpire();
    expire({
      reason:
        phaseEnd < wholeEnd
          ? `${current.what} within ${formatMs(current.ms)}`
          : `the answer did not end within ${formatMs(deadlines.requestMs)}`,
      timedOut: true,
    });
  };
  return {
    expired,
    phase(ms, what) {
      phaseEnd = performance.now() + ms;
      current = { ms, what };
      if (timer !== undefined && deadline() >= armedFor) return;
      clearTimeout(timer);
      arm(deadline());
    },
    stop: () => {
      clearTimeout(timer);
    },
  };
}

/** The phases' names, one wording for both senders. */
export const WAITING_FOR_HEADERS = 'no status line and headers';
export const WAITING_FOR_BODY = 'no more of the body';
