export * from './admin-list';
export * from './categories';
export * from './image';
export * from './images';
export * from './manage';
export * from './photos';
export { catalogSearchTerms, searchTerms } from './search';
export * from './storefront-list';
export * from './words';
