export * from './client';
export * from './migrate';
export * from './procedures';
export * from './rollups';
export * as schema from './schema';
export * from './search-words';
export * from './collations';
