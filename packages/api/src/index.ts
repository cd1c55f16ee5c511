export * from './errors';
export { type AppRouter, appRouter, createCaller } from './root';
export {
  type Context,
  type ContextOptions,
  createContext,
  type FieldErrors,
  type Log,
  reportError,
  type SessionCookies,
  type SessionHooks,
} from './trpc';
