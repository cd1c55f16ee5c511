export { patchOrderCreated, patchOrderUpdated, patchStock } from './cache';
export {
  createLiveClient,
  type LiveClient,
  type LiveClientOptions,
  type LiveEvent,
  type LiveSocket,
  type LiveStatus,
  type LiveStock,
} from './client';
export {
  type LiveOrderChange,
  LiveProvider,
  useLiveClient,
  useLiveOrder,
  useLiveOrders,
  useLiveStatus,
  useLiveStock,
} from './hooks';
export { type LiveKeys, liveKeys } from './keys';
export { chunk, WATCH_CHUNK, WatchRegistry } from './registry';
