export * from './list';
export * from './queries';
export type { CustomerStats } from './stats';
