export * from './buckets';
export * from './check';
export * from './counts';
export * from './fold';
export * from './money-back';
export * from './sales';
