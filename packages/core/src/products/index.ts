export * from './list';
export * from './manage';
