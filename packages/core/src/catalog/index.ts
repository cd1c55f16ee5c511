export * from './categories';
export * from './product-image';
