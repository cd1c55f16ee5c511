export * from './place';
export * from './queries';
export * from './request-hash';
export * from './transition';
