import { z } from 'zod';

/**
 * The harness's only read of the environment: CHROMIUM_PATH (default Debian's
 * `/usr/bin/chromium`), and the environment `vite build` inherits.
 */
const schema = z.object({
  CHROMIUM_PATH: z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .optional()
    .transform((value) => value ?? '/usr/bin/chromium'),
});

export const e2eEnv = schema.parse(process.env);

/** A production build's environment (Vitest itself runs with NODE_ENV=test). */
export const buildEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_ENV: 'production' });
