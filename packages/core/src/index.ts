export * from './auth/password';
export * from './catalog';
