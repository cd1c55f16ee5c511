export * from './csv';
export * from './cursor';
