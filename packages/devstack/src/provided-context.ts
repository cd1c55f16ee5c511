// What the global setup hands every test file through `inject()`.
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's own freshly migrated database. */
    databaseUrl: string;
    redisUrl: string;
    /** Prefix for every Redis key (and BullMQ queue prefix) this run writes. */
    redisPrefix: string;
  }
}
