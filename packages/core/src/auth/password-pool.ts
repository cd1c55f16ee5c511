import { availableParallelism } from 'node:os';
import { DomainError } from '@stockpulse/shared';

/**
 * What an argon2 job is for. A verification has someone waiting at a sign-in form; a hash
 * (a sign-up, a password change) can wait behind it. Without this order, a burst of
 * sign-ups (357 in one batched request, say) queues hundreds of hashes in libuv's
 * thread pool and every sign-in waits behind all of them.
 */
export type PasswordWork = 'verify' | 'hash';

export interface PasswordPoolOptions {
  /**
   * argon2 jobs running at once; default: the cores Node may use, at most 3. The jobs run
   * on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise): more at
   * once would queue there, out of our order, and leave no thread for file reads and zlib.
   */
  concurrency?: number;
  /** Jobs waiting beyond the running ones; past this, BUSY at once (default 200). */
  maxWaiting?: number;
}

/**
 * A bounded queue in front of argon2: at most `concurrency` jobs run (each takes a core
 * for ~20–40 ms and 19 MiB), verifications first, and a full queue answers BUSY (503,
 * `retryAfterSeconds`) instead of growing memory and latency without end.
 */
export class PasswordPool {
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private running = 0;
  private readonly waiting: Record<PasswordWork, (() => void)[]> = { verify: [], hash: [] };

  constructor(options: PasswordPoolOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? Math.min(availableParallelism(), 3));
    this.maxWaiting = options.maxWaiting ?? 200;
  }

  /** Jobs waiting for a slot now (not counting the running ones). */
  get queued(): number {
    return this.waiting.verify.length + this.waiting.hash.length;
  }

  async run<T>(work: PasswordWork, job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.queued >= this.maxWaiting) {
        throw new DomainError('BUSY', 'The server is busy; try again in a moment', {
          retryAfterSeconds: 1,
        });
      }
      // The slot is handed over by `release`, so `running` never drops in between.
      await new Promise<void>((resolve) => this.waiting[work].push(resolve));
    } else {
      this.running++;
    }
    try {
      return await job();
    } finally {
      this.release();
    }
  }

  private release() {
    const next = this.waiting.verify.shift() ?? this.waiting.hash.shift();
    if (next) next();
    else this.running--;
  }
}
