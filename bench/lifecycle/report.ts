/** The Markdown of bench/lifecycle's section of the bench report, headline first. */
import { markdownTable } from '../stats';
import { type LifecycleResult, PAID_WITHIN_S } from './lifecycle';

export function lifecycleMarkdown(l: LifecycleResult): string[] {
  const per = l.perOrder;
  const drained =
    l.drainedAfterS === null
      ? `NOT every order paid within ${PAID_WITHIN_S} s of the load's end`
      : `every order paid at most ${l.drainedAfterS} s after the load's end`;
  const stuck = l.rounds.flatMap((r) => r.stillPending);
  return [
    `**${l.productPerSecond} orders/s through the whole life vs ${l.rawPerSecond} raw place+pay: ${l.ratio}×** (median of ${l.rounds.length} round(s) of ${l.seconds} s; ${drained}; backlog max ${l.maxBacklogDuringLoad} during the load)${l.ok ? '' : ' — **FAILED**'}.`,
    '',
    `Product: the built server + one WORKER_ROLE=relay + one WORKER_ROLE=jobs worker (as \`npm start\` runs them, PAYMENT_LATENCY_MS=0), ${l.clients} signed-in clients placing 3-line orders over ${l.products} products, closed loop; an order counts when placed, and the round fails if any is still pending ${PAID_WITHIN_S} s after the load. Raw: the same ${l.clients} clients over a mysql2 pool of 10 doing placement's own statements (bench/checkout/raw-placement.ts) then the payment transaction (guarded status change, order_events row, outbox row; bench/lifecycle/raw-lifecycle.ts), on a database of its own on the same MariaDB. Rounds alternate which side goes first.${l.rawPlaceOnlyPerSecond === null ? '' : ` Raw placement alone: ${l.rawPlaceOnlyPerSecond} orders/s.`}`,
    '',
    markdownTable(
      [
        'round',
        'product orders/s',
        'p99 ms',
        'raw place+pay orders/s',
        'raw place only',
        'product ÷ raw',
        'backlog max (load)',
        'at load end',
        'all paid after s',
        'errors',
      ],
      l.rounds.map((r, i) => [
        i + 1,
        r.product.perSecond,
        r.product.p99,
        r.raw.perSecond,
        r.rawPlaceOnly?.perSecond ?? null,
        `${r.ratio}×`,
        r.maxBacklogDuringLoad,
        r.backlogAtLoadEnd,
        r.drainedAfterS ?? `NOT within ${PAID_WITHIN_S}`,
        r.product.errors + r.raw.errors + (r.rawPlaceOnly?.errors ?? 0),
      ]),
    ),
    '',
    `Per order over the product's rounds (${per.orders} orders; from each load's start until its orders were paid). CPU from /proc (MariaDB pid ${l.pids.mariadb ?? '?'}, Redis pid ${l.pids.redis ?? '?'}; both may be shared services: run on a quiet machine):`,
    '',
    markdownTable(
      ['process', 'CPU ms / order', 'raw place+pay: CPU ms / order'],
      Object.entries(per.cpuMs).map(([name, ms]) => [
        name,
        ms,
        name === 'mariadb' || name === 'load generator' ? l.rawPerOrder.cpuMs[name] : null,
      ]),
    ),
    '',
    "MariaDB per order, from SHOW GLOBAL STATUS deltas (global: other databases' traffic on the same server counts too, and so do the bench's backlog samples, 2 a second):",
    '',
    markdownTable(
      [
        'per order',
        'Questions',
        'Queries',
        'Com_select',
        'Com_insert',
        'Com_update',
        'rows read (Handler_read_*)',
        'rows written (Innodb_rows_* or Handler_write/update/delete)',
      ],
      (
        [
          ['product', per.db],
          ['raw place+pay', l.rawPerOrder.db],
        ] as const
      ).map(([side, db]) => [
        side,
        db.questions,
        db.queries,
        db.selects,
        db.inserts,
        db.updates,
        db.rowsRead,
        db.rowsWritten,
      ]),
    ),
    '',
    ...l.rounds.map((r, i) => `Backlog every 0.5 s, round ${i + 1}: ${r.backlog.join(' ')}`),
    ...(stuck.length > 0
      ? ['', `Still pending ${PAID_WITHIN_S} s after the load: ${stuck.join(', ')}.`]
      : []),
  ];
}
