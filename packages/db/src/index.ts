export * from './client';
export * from './migrate';
export * from './procedures';
export * as schema from './schema';
