export { loadEnv } from './env';
export { createLogger, REDACTED_PATHS } from './logger';
export { type MainContext, type MainLogger, type RunMainOptions, runMain } from './main';
export {
  type CreateRedisOptions,
  closeRedis,
  createOutageLog,
  createRedis,
  logOutages,
  logOutagesVia,
  type OutageLog,
  type OutageLogger,
  type OutageSource,
} from './redis';
export { TimeoutError, withTimeout } from './timeout';
