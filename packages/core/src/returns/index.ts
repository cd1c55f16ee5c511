export * from './queries';
export * from './request';
export * from './staff';
