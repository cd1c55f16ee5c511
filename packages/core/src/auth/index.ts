export * from './password';
export * from './rate-limit';
export * from './sessions';
export * from './sign-in';
