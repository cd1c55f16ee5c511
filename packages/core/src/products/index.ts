export * from './list';
export * from './manage';
export * from './words';
