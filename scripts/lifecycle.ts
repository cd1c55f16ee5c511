/**
 * One way out for the root scripts: on Ctrl-C, SIGTERM, SIGHUP, a failure or a child that
 * died, run the registered clean-ups in reverse order (children first, services last), then
 * exit. Repeated signals are ignored: npm forwards the terminal's signal, so we get it twice.
 */
export interface Lifecycle {
  /** Registers a clean-up; they run last-registered first. */
  onExit(cleanup: () => Promise<void>): void;
  /** Runs the clean-ups once and exits with `code` (the first caller's code wins). */
  exit(code: number, reason?: string): Promise<never>;
  /** True once exit has begun: long steps check it before starting the next one. */
  readonly exiting: boolean;
}

export function createLifecycle(say: (line: string) => void, hardLimitMs = 19_000): Lifecycle {
  const cleanups: (() => Promise<void>)[] = [];
  let exiting: Promise<never> | undefined;
  const lifecycle: Lifecycle = {
    onExit(cleanup) {
      cleanups.push(cleanup);
    },
    exit(code, reason) {
      exiting ??= (async () => {
        if (reason) say(reason);
        // Whatever happens below, never outlive the 20 s a supervisor gives us.
        setTimeout(() => {
          say('clean-up took too long; exiting anyway');
          process.exit(code);
        }, hardLimitMs).unref();
        for (const cleanup of cleanups.splice(0).reverse()) {
          try {
            await cleanup();
          } catch (error) {
            say(`clean-up failed: ${(error as Error).message}`);
          }
        }
        if (reason) say(code === 0 ? 'stopped' : `stopped (exit code ${code})`);
        process.exit(code);
      })();
      return exiting;
    },
    get exiting() {
      return exiting !== undefined;
    },
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (!exiting) void lifecycle.exit(0, `${signal} received: stopping…`);
    });
  }
  return lifecycle;
}
