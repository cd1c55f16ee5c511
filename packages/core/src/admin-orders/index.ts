export * from './detail';
export * from './list';
