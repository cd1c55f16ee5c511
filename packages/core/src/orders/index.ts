export * from './place';
export * from './placement-sql';
export * from './queries';
export * from './request-hash';
export * from './transition';
export * from './unpaid';
