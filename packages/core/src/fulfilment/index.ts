export * from './cancel-lines';
export * from './queue';
export * from './ship';
