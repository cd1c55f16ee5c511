import { oldestUnpublishedAt, orderCounts, type ProducerQueues } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** BullMQ's job states worth watching: what waits, what runs, what failed. */
const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

/** `read`'s promise, shared by the callers of the next second (one scrape). */
function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > 1_000) last = { at: now, value: read() };
    return last.value;
  };
}

export interface MetricsSources {
  db: Database;
  queues: ProducerQueues;
  /** Sockets connected to this process; null without the live layer. */
  socketCount: () => number | null;
}

export interface ServerMetrics {
  registry: Registry;
  /** One tRPC call answered: its procedure (or `unknown`), the HTTP status, seconds. */
  observeCall(procedure: string, status: number, seconds: number): void;
}

/**
 * The server's Prometheus metrics, in a registry of its own (tests run several servers in
 * one process). Per process: tRPC calls and their latency, open sockets, Node's own
 * (CPU, memory, event-loop delay, GC). Shop-wide, read at scrape time (the same on every
 * instance: take one, do not sum): orders placed and paid from the status counts the
 * relay keeps, the BullMQ queues' depth, the outbox's lag. A source that fails (the
 * database or Redis down) leaves its figures out of that scrape, not the whole answer.
 */
export function createServerMetrics(sources: MetricsSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const calls = new Histogram({
    name: 'stockpulse_trpc_request_duration_seconds',
    help: 'tRPC calls by procedure and HTTP status: the time to answer the request that carried them (a batch counts for each of its calls)',
    labelNames: ['procedure', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  // Counters: the status counts only grow, except that a paid order later cancelled
  // leaves `paid` (Prometheus reads that dip as a counter reset). The three order metrics
  // are collected at once: they share one read of the counts per scrape.
  const readCounts = oncePerScrape(() => orderCounts(sources.db).catch(() => null));
  new Counter({
    name: 'stockpulse_orders_placed_total',
    help: 'Orders placed, shop-wide (every order in the status counts)',
    registers: [registry],
    async collect() {
      const counts = await readCounts();
      this.reset();
      if (counts) this.inc(counts.all);
    },
  });
  new Counter({
    name: 'stockpulse_orders_paid_total',
    help: 'Orders paid and not cancelled since (paid, shipped or delivered), shop-wide',
    registers: [registry],
    async collect() {
      const counts = await readCounts();
      this.reset();
      if (counts) this.inc(counts.paid + counts.shipped + counts.delivered);
    },
  });
  new Gauge({
    name: 'stockpulse_orders',
    help: 'Orders by current status, shop-wide',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await readCounts();
      this.reset();
      if (!counts) return;
      for (const status of ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const) {
        this.set({ status }, counts[status]);
      }
    },
  });

  new Gauge({
    name: 'stockpulse_queue_jobs',
    help: 'BullMQ jobs by queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        Object.values(sources.queues).map(async (queue) => {
          const byState = await queue.getJobCounts(...QUEUE_STATES).catch(() => null);
          if (!byState) return;
          for (const state of QUEUE_STATES)
            this.set({ queue: queue.name, state }, byState[state] ?? 0);
        }),
      );
    },
  });

  new Gauge({
    name: 'stockpulse_outbox_lag_seconds',
    help: 'Age of the oldest outbox row the relay has not published yet; 0 when none waits',
    registers: [registry],
    async collect() {
      this.reset();
      const oldest = await oldestUnpublishedAt(sources.db).then(
        (at) => ({ at }),
        () => null,
      );
      if (!oldest) return;
      this.set(oldest.at ? Math.max(0, (Date.now() - oldest.at.getTime()) / 1000) : 0);
    },
  });

  new Gauge({
    name: 'stockpulse_live_sockets',
    help: 'Socket.IO connections open on this process',
    registers: [registry],
    collect() {
      this.reset();
      const count = sources.socketCount();
      if (count !== null) this.set(count);
    },
  });

  return {
    registry,
    observeCall(procedure, status, seconds) {
      calls.observe({ procedure, status: String(status) }, seconds);
    },
  };
}
