export * from './env-vars';
export * from './errors';
export * from './inventory';
export * from './money';
export * from './order-status';
export * from './product-image';
