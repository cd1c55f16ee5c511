export * from './password';
export * from './password-pool';
export * from './rate-limit';
export * from './session-cache';
export * from './sessions';
export * from './sign-in';
export * from './sign-up';
export * from './sign-up-limit';
