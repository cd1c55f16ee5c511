export * from './lag';
export * from './messages';
export * from './notify';
export * from './publisher';
export * from './relay';
export * from './write';
