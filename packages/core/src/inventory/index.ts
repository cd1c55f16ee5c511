export * from './bounds';
export * from './stock';
