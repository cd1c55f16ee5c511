import { createLiveClient } from '@stockpulse/live';
import { queryClient } from './trpc';

/**
 * The page's one Socket.IO connection (packages/live): it patches the cached catalog and
 * order queries itself, so pages only read TanStack Query data.
 */
export const live = createLiveClient({ queryClient });

/**
 * The server picks a socket's rooms (`customer:{id}`) from the session cookie at the
 * handshake, so signing in or out must reconnect to hear the right order events.
 */
export function reconnectLive() {
  live.close();
  live.connect();
}
