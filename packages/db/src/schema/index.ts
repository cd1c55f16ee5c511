export * from './customers';
export * from './inventory';
export * from './orders';
export * from './outbox';
export * from './products';
export * from './reports';
export * from './restocks';
export * from './users';
