/** The slice of a pino logger `runMain` writes to. */
export interface MainLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
  fatal(details: object, message: string): void;
}

export interface MainContext {
  /**
   * Something to close on shutdown. Closers run one after the other, the last registered
   * first (what was started last stops first): register a connection before what uses it.
   */
  onShutdown(close: () => unknown): void;
  /** True once a shutdown began (a signal while starting, say). */
  readonly stopping: boolean;
}

export interface RunMainOptions {
  logger: MainLogger;
  /** Past this, a shutdown that has not finished exits 1 anyway; default 5 s. */
  graceMs?: number;
  /** For tests: default SIGINT and SIGTERM, and `process.exit`. */
  signals?: readonly NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * A process's life: runs `start`, and on SIGINT or SIGTERM shuts down gracefully (the
 * closers `start` registered, within `graceMs`), exiting 0; exits 1 when a closer fails,
 * when the shutdown takes too long, or when `start` throws (logged as fatal under the
 * error's own message, after the closers registered so far ran). A `start` that throws
 * because a shutdown interrupted it is not an error.
 */
export async function runMain(
  start: (main: MainContext) => Promise<void>,
  options: RunMainOptions,
): Promise<void> {
  const { logger, graceMs = 5_000, signals = ['SIGINT', 'SIGTERM'] } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const closers: (() => unknown)[] = [];
  let stopping = false;

  async function shutdown(reason: string, exitCode: number) {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const tooLong = setTimeout(() => {
      logger.error({}, 'shutdown took too long; exiting');
      exit(1);
    }, graceMs).unref();
    let failed = false;
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (err) {
        failed = true;
        logger.error({ err }, 'shutdown failed');
      }
    }
    if (!failed) logger.info({}, 'stopped');
    clearTimeout(tooLong);
    exit(failed ? 1 : exitCode);
  }

  for (const signal of signals) process.on(signal, () => void shutdown(signal, 0));
  const main: MainContext = {
    onShutdown: (close) => void closers.push(close),
    get stopping() {
      return stopping;
    },
  };
  try {
    await start(main);
  } catch (err) {
    if (stopping) return; // a shutdown while starting drops connections: expected
    logger.fatal({ err }, (err as Error).message);
    await shutdown((err as Error).message, 1);
  }
}
