export * from './list';
export * from './open';
export * from './restocks';
export * from './scan';
