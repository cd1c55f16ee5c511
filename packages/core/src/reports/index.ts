export * from './buckets';
export * from './counts';
export * from './fold';
export * from './sales';
