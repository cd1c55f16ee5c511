import { accountRouter } from './router/account';
import { adminRouter } from './router/admin/admin';
import { authRouter } from './router/auth';
import { catalogRouter } from './router/catalog';
import { ordersRouter } from './router/orders';
import { paymentsRouter } from './router/payments';
import { createCallerFactory, router } from './trpc';

/** One router per domain; each lives in `router/<domain>.ts`. */
export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  catalog: catalogRouter,
  orders: ordersRouter,
  payments: paymentsRouter,
});

/** Only this type crosses to the browser (`import type { AppRouter }`), never the code. */
export type AppRouter = typeof appRouter;

/** Calls procedures in-process, e.g. `createCaller(await createContext(...)).catalog.categories()`. */
export const createCaller = createCallerFactory(appRouter);
