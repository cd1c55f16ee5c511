export * from './admin-list';
export * from './categories';
export * from './category-tree';
export * from './category-writes';
export * from './image';
export * from './manage';
export { catalogSearchTerms, searchTerms } from './search';
export * from './storefront-list';
export * from './words';
