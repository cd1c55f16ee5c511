// `@stockpulse/api/testing`: in-process browsers for the tRPC routers, and the admin harness.
export * from './admin';
export * from './browser';
