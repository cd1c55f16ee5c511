// `@stockpulse/core/testing`: the one world builder of the tests, and the outbox drain.

export * from './categories';
export * from './delivered';
export * from './drain';
export * from './world';
