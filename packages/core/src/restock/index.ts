export * from './list';
export * from './restocks';
export * from './scan';
