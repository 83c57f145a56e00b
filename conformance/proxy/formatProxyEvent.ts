import type { ProxyEvent } from './startProxy.ts';

/** One line per event, for the console: `violation #3 TerminateTaskInstance request.body: TaskInstanceIndex is sent as ...`. */
export function formatProxyEvent(event: ProxyEvent): string {
  if (event.kind === 'upstream-error') return `upstream error #${event.exchange}: ${event.message}`;
  return `violation #${event.exchange} ${event.action ?? '(no action)'} ${event.check}: ${event.message}`;
}
