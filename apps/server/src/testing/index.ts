// `@stockpulse/server/testing`: the real server on a free port, and raw HTTP against it.
export * from './http';
export * from './server';
