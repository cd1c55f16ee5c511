import './provided-context';

export * from './bench-stats';
export * from './binaries';
export * from './docker';
export * from './mysql-server';
export * from './node-flags';
export { REPO_ROOT } from './paths';
export * from './pretty-log';
export type { PrivateServer } from './private-server';
export * from './probes';
export { freePort, isAlive, stopProcess } from './processes';
export * from './redis-keys';
export * from './redis-server';
export * from './services';
export * from './spawn-main';
export * from './supervisor';
export * from './test-database';
export * from './urls';
