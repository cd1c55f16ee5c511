export * from './activity';
export * from './pay';
export * from './provider';
export * from './refund-request';
export * from './settle';
export * from './simulated';
export * from './view';
