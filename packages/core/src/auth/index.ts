export * from './password';
export * from './rate-limit';
export * from './session-cache';
export * from './sessions';
export * from './sign-in';
