// The browser's client plumbing, shared by both fronts: the API client (tRPC over one
// QueryClient, one retry rule), the one reading of a failed call, the live socket that
// patches the cached queries, and the React hooks over them.
export {
  type Api,
  type ApiOptions,
  type ApiQueryClientOptions,
  createApi,
  createApiQueryClient,
  type RouterInputs,
  type RouterOutputs,
  retryUnlessRefused,
} from './api';
export { type ApiError, apiError, isNetworkError } from './api-error';
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
export { useDebounced } from './use-debounced';
