export * from './list';
export * from './profile';
export * from './queries';
export type { CustomerStats } from './stats';
