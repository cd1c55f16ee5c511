export * from './categories';
export * from './list';
export * from './product-image';
export * from './search';
