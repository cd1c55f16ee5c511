export * from './activity';
export * from './refund-request';
