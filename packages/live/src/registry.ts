/** The server accepts at most this many ids per `inventory:watch` / `inventory:unwatch`. */
export const WATCH_CHUNK = 200;

/** Splits ids into lists of at most `size` (the server's per-call bound). */
export function chunk<T>(items: readonly T[], size = WATCH_CHUNK): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('chunk size must be ≥ 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const isProductId = (id: number) => Number.isSafeInteger(id) && id > 0;

/**
 * Which products this page watches, ref-counted across components: two cards showing
 * product 7 watch it once, and it is unwatched when the last of them goes.
 *
 * The registry is pure bookkeeping; `diff(sent)` says what to send to bring the server's
 * view (`sent`, what it has acknowledged or been told) in line with what is wanted.
 */
export class WatchRegistry {
  readonly #counts = new Map<number, number>();

  /** Adds one watcher for each distinct valid id; returns the ids that were not watched yet. */
  acquire(productIds: Iterable<number>): number[] {
    const added: number[] = [];
    for (const id of new Set(productIds)) {
      if (!isProductId(id)) continue;
      const count = this.#counts.get(id) ?? 0;
      this.#counts.set(id, count + 1);
      if (count === 0) added.push(id);
    }
    return added;
  }

  /** Removes one watcher for each distinct id; returns the ids nobody watches any more. */
  release(productIds: Iterable<number>): number[] {
    const removed: number[] = [];
    for (const id of new Set(productIds)) {
      const count = this.#counts.get(id);
      if (count === undefined) continue;
      if (count <= 1) {
        this.#counts.delete(id);
        removed.push(id);
      } else {
        this.#counts.set(id, count - 1);
      }
    }
    return removed;
  }

  has(productId: number): boolean {
    return this.#counts.has(productId);
  }

  count(productId: number): number {
    return this.#counts.get(productId) ?? 0;
  }

  /** Every watched id, ascending. */
  ids(): number[] {
    return [...this.#counts.keys()].sort((a, b) => a - b);
  }

  get size(): number {
    return this.#counts.size;
  }

  /** What to watch and unwatch so that the server's set `sent` equals the wanted set. */
  diff(sent: ReadonlySet<number>): { watch: number[]; unwatch: number[] } {
    const watch = this.ids().filter((id) => !sent.has(id));
    const unwatch = [...sent].filter((id) => !this.#counts.has(id)).sort((a, b) => a - b);
    return { watch, unwatch };
  }
}
