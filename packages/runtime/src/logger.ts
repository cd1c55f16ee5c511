import { type DestinationStream, type Logger, pino } from 'pino';

/** Where credentials appear in what Fastify and the processes log: never printed. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
];

/**
 * A process's one logger (JSON lines on stdout, or on `destination`), every line tagged
 * with `app`. Credentials never reach the log, whichever serializer prints headers.
 */
export function createLogger(options: {
  app: string;
  level: string;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { app: options.app },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}
