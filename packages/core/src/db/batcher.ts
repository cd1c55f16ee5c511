/**
 * Group commit for work that many callers ask of the database one key at a time: the keys
 * asked for within `windowMs` of the first (or until `maxBatch` of them) go to `run` in
 * one call, and each caller gets its own key's answer. While `maxInFlight` calls run, new
 * keys wait for the next one, so under load the batches grow by themselves instead of the
 * statements multiplying. A key asked for twice in one batch is run once.
 *
 * It never holds a key longer than the window plus the calls ahead of it; if `run` throws,
 * every caller of that batch gets the error (nothing of the batch may have been done: `run`
 * is one transaction, or safe to repeat).
 */
export interface BatcherOptions {
  /** How long the first key of a batch waits for company; 0 = the rest of this turn. */
  windowMs: number;
  maxBatch: number;
  maxInFlight: number;
}

interface Waiter<R> {
  resolve(value: R): void;
  reject(error: unknown): void;
}

export function createBatcher<K, R>(
  run: (keys: K[]) => Promise<Map<K, R>>,
  options: BatcherOptions,
) {
  const { windowMs, maxBatch, maxInFlight } = options;
  let waiting = new Map<K, Waiter<R>[]>();
  let inFlight = 0;
  let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** When the oldest waiting key came: its window counts from then, not from the last call. */
  let firstAt = 0;

  function schedule() {
    if (timer !== undefined || inFlight >= maxInFlight || waiting.size === 0) return;
    const fire = () => {
      timer = undefined;
      flush();
    };
    const wait = firstAt + windowMs - Date.now();
    timer = wait > 0 ? setTimeout(fire, wait) : setImmediate(fire);
  }

  function cancelTimer() {
    if (timer === undefined) return;
    clearTimeout(timer as NodeJS.Timeout);
    clearImmediate(timer as NodeJS.Immediate);
    timer = undefined;
  }

  function flush() {
    if (inFlight >= maxInFlight || waiting.size === 0) return;
    const batch = waiting;
    waiting = new Map();
    if (batch.size > maxBatch) {
      // The first maxBatch keys (oldest first) go; the rest start the next batch at once.
      for (const [key, waiters] of [...batch].slice(maxBatch)) {
        waiting.set(key, waiters);
        batch.delete(key);
      }
      firstAt = 0;
    }
    inFlight++;
    run([...batch.keys()])
      .then(
        (answers) => {
          for (const [key, waiters] of batch) {
            const answer = answers.get(key);
            for (const waiter of waiters) {
              if (answer === undefined) waiter.reject(new Error(`no answer for ${String(key)}`));
              else waiter.resolve(answer);
            }
          }
        },
        (error) => {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
        },
      )
      .finally(() => {
        inFlight--;
        // What queued up meanwhile goes at once when it is a full batch, else on the window.
        if (waiting.size >= maxBatch) flush();
        else schedule();
      });
  }

  return {
    /** The answer for `key`, computed together with the others of its batch. */
    load(key: K): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        if (waiting.size === 0) firstAt = Date.now();
        const waiters = waiting.get(key);
        if (waiters) waiters.push({ resolve, reject });
        else waiting.set(key, [{ resolve, reject }]);
        if (waiting.size >= maxBatch && inFlight < maxInFlight) {
          cancelTimer();
          flush();
        } else {
          schedule();
        }
      });
    },
    /** Keys waiting for a batch (not those in flight). */
    waiting: () => waiting.size,
  };
}
export type Batcher<K, R> = ReturnType<typeof createBatcher<K, R>>;
