export * from './activity';
export * from './provider';
export * from './refund-request';
export * from './settle';
export * from './simulated';
