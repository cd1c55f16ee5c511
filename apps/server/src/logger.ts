import { type Logger, pino } from 'pino';

/**
 * The process's one logger (JSON lines), handed to Fastify as its logger. Credentials
 * never reach the log, whichever serializer prints headers.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'server' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
