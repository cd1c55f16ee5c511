export * from './inventory';
export * from './money';
export * from './order-status';
export * from './product-image';
