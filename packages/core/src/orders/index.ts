export * from './csv-export';
export * from './placement';
export * from './queries';
export * from './request-hash';
export * from './transition';
export * from './unpaid';
