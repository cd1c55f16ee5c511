export type { PlaceOrder } from './decide';
export { type PlacedOrder, placeOrder } from './place';
