import { parseEnvWith } from '@stockpulse/shared';
import type { z } from 'zod';

/**
 * A process's environment, validated once at start-up against its own schema: on a bad
 * variable it prints every bad one (stderr) and exits 1 before anything starts.
 */
export function loadEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined> = process.env,
): z.infer<T> {
  try {
    return parseEnvWith(schema, source);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
