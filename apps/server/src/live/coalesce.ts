import type { InventoryChanged } from '@stockpulse/shared';

/** At most one `inventory:changed` per variant per this window reaches a socket. */
export const COALESCE_WINDOW_MS = 100;

interface Window {
  sentVersion: number;
  /** The newest change offered during the window, sent when it ends. */
  held: InventoryChanged | null;
}

/**
 * Coalesces `inventory:changed` per variant before it reaches this server's sockets: the
 * first change of a burst goes out at once and opens a `windowMs` window; the changes
 * offered during it are held, the highest `version` winning, and that one goes out when
 * the window ends (opening the next window, so a steady stream gives one event per
 * window). A change no newer than what was sent or is held is dropped: clients ignore
 * older versions anyway. A variant whose window has ended leaves no trace, so memory
 * follows the variants changed in the last `windowMs`.
 *
 * It runs where events reach sockets, after Redis: nothing committed waits on a window,
 * and each socket (connected to one server) gets at most one change per variant per
 * window however many relays publish.
 */
export function createCoalescer(send: (event: InventoryChanged) => void, windowMs: number) {
  const windows = new Map<number, Window>();

  function open(event: InventoryChanged) {
    const window: Window = { sentVersion: event.version, held: null };
    windows.set(event.variantId, window);
    setTimeout(() => close(event.variantId, window), windowMs).unref();
    send(event);
  }

  function close(variantId: number, window: Window) {
    if (windows.get(variantId) !== window) return;
    windows.delete(variantId);
    if (window.held) open(window.held);
  }

  return {
    offer(event: InventoryChanged): void {
      const window = windows.get(event.variantId);
      if (!window) {
        open(event);
        return;
      }
      const newest = Math.max(window.sentVersion, window.held?.version ?? -1);
      if (event.version > newest) window.held = event;
    },
    /** Products with an open window, for tests. */
    size: () => windows.size,
  };
}
