export * from './client';
export * from './collations';
export * from './migrate';
export * from './procedures';
export * from './rollups';
export * as schema from './schema';
export * from './search-words';
