import { catalogRouter } from './router/catalog';
import { createCallerFactory, router } from './trpc';

/** One router per domain; each lives in `router/<domain>.ts`. */
export const appRouter = router({
  catalog: catalogRouter,
});

/** Only this type crosses to the browser (`import type { AppRouter }`), never the code. */
export type AppRouter = typeof appRouter;

/** Calls procedures in-process, e.g. `createCaller(await createContext(...)).catalog.categories()`. */
export const createCaller = createCallerFactory(appRouter);
