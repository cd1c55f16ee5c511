export * from './admin';
export * from './retry';
