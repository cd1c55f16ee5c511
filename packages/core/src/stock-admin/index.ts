export * from './adjust';
export * from './check';
export * from './list';
