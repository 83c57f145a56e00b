/**
 * Keeps a foreground server (`tbc emulator`, `tbc proxy`) up until SIGINT or SIGTERM, then closes it; the verb then
 * returns and the process exits 0.
 */
export function closeOnSignal(server: { close(): Promise<void> }): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
