// The EXPLAIN guardrail (DESIGN §10; docs/architecture.md "Performance"): every list, page, history and report of
// the request path is called through the tRPC caller on a seeded shop big enough for
// MariaDB to plan as it does on the reference shop; every SELECT it really sent (recorded
// from mysql2, CALLs opened up) is EXPLAINed, and a full scan, an unbounded full index
// scan, a filesort or a temporary table on orders, order_details, stock_movements or users
// fails the call's row, naming the SQL and the plan row.
//
// Size: 20,000 orders, 300 products (about 4 s to seed). On 10,000 orders MariaDB still
// drove some lists from `users` (status filters, later pages) where the reference shop
// (1M orders, `sp_ref_old`) reads orders by index; from 15,000 orders on, every row's
// verdict equalled the reference shop's for the same recorded SQL (checked with the
// schema of migration 0004, before the fixes of the lists). To re-check after a schema
// change, EXPLAIN the recorded statements (`runCall(...).statements`) on the reference
// shop with `explainReads` and compare the problems row by row.

import { connect, createPool, type DatabaseHandle, splitDatabaseUrl } from '@stockpulse/db';
import { seed } from '@stockpulse/db/seed';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CALLS, discoverShop, NOT_EXPLAINED } from './calls';
import { explainReads, StatementRecorder } from './capture';
import { planProblems } from './plan-rules';
import { type GuardrailDeps, procedures, runCall } from './runner';

const SHOP = { orders: 20_000, products: 300 };
const NOW = new Date('2026-03-01T12:00:00.000Z');

describe('the EXPLAIN guardrail', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let explainPool: DatabaseHandle['pool'];
  let recorder: StatementRecorder;
  let redis: Redis;
  let deps: GuardrailDeps;
  const answers = new Map<string, unknown>();
  const present = procedures();

  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    await seed(database.url, {
      ...SHOP,
      adminEmail: 'admin@stockpulse.local',
      adminPassword: 'not-used-here',
      // Nobody signs in: sessions are put in the callers' contexts.
      hashPassword: async () => 'not-a-real-hash',
      now: NOW,
    });
    handle = connect(database.url);
    explainPool = createPool(database.url, { connectionLimit: 1 });
    recorder = new StatementRecorder(splitDatabaseUrl(database.url).database);
    redis = new Redis(inject('redisUrl'), { lazyConnect: true });
    deps = {
      db: handle.db,
      redis,
      redisPrefix: `${inject('redisPrefix')}:explain:`,
      recorder,
      explainPool,
      shop: await discoverShop(explainPool, NOW),
    };
  }, 120_000);

  afterAll(async () => {
    recorder?.close();
    redis?.disconnect();
    await explainPool?.end();
    await handle?.close();
    await database?.drop();
  });

  it('covers every query procedure of the router, or says why not', () => {
    const covered = new Set(CALLS.map((call) => call.path));
    const queries = [...present].filter(([, type]) => type === 'query').map(([path]) => path);
    const unclassified = queries.filter((path) => !covered.has(path) && !(path in NOT_EXPLAINED));
    expect(unclassified, 'add a row to CALLS (or a reason to NOT_EXPLAINED)').toEqual([]);
    const stale = [...CALLS.map((call) => call.path), ...Object.keys(NOT_EXPLAINED)].filter(
      (path) => present.get(path) !== 'query',
    );
    expect(stale, 'rows for procedures the router no longer has as queries').toEqual([]);
    expect(new Set(CALLS.map((call) => call.name)).size).toBe(CALLS.length);
  });

  it('has a shop big enough for the optimizer to plan as on the reference shop', async () => {
    // The orders list as drizzle built it without the index hints: on the reference shop MariaDB
    // drives it from `users` and sorts every joined row. This shop must show the same.
    const unhinted =
      'select `orders`.`id`, `users`.`name` from `orders` inner join `users` on `users`.`id` = `orders`.`customer_id` order by `orders`.`created_at` desc, `orders`.`id` desc limit 26';
    const [bad] = await explainPool.query(`EXPLAIN ${unhinted}`);
    expect(
      planProblems(unhinted, bad as never).map((p) => p.why),
      'the known-bad plan no longer shows: grow SHOP until it does',
    ).toContainEqual(expect.stringMatching(/^temporary and filesort on users/));
    // …and a read that is fine at any size is not flagged because the shop is small.
    const byCustomer = `SELECT id FROM orders WHERE customer_id = ${deps.shop.busyCustomer.userId} ORDER BY created_at DESC, id DESC LIMIT 21`;
    const [good] = await explainPool.query(`EXPLAIN ${byCustomer}`);
    expect(planProblems(byCustomer, good as never)).toEqual([]);
  });

  it('sees the statements inside a CALL and judges each', async () => {
    await explainPool.query('DROP PROCEDURE IF EXISTS explain_guardrail_probe');
    await explainPool.query(`
      CREATE PROCEDURE explain_guardrail_probe(IN p_customer BIGINT, IN p_limit INT)
      READS SQL DATA
      BEGIN
        IF p_limit < 1 THEN
          SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'probe: p_limit < 1';
        END IF;
        -- one by index, one that sorts every user
        SELECT o.id FROM orders o WHERE o.customer_id = p_customer
          ORDER BY o.created_at DESC, o.id DESC LIMIT p_limit;
        SELECT u.name, COUNT(*) AS n FROM orders o JOIN users u ON u.id = o.customer_id
          GROUP BY u.name ORDER BY n DESC;
      END`);
    try {
      const { statements } = await recorder.during(() =>
        handle.pool.query('CALL explain_guardrail_probe(?, ?)', [deps.shop.busyCustomer.userId, 5]),
      );
      const reads = await explainReads(explainPool, statements);
      expect(reads.map((read) => [read.via, read.error, read.tables])).toEqual([
        [
          `CALL explain_guardrail_probe(${deps.shop.busyCustomer.userId}, 5)`,
          undefined,
          ['orders'],
        ],
        [expect.any(String), undefined, ['orders', 'users']],
      ]);
      expect(reads[0]!.sql).toContain(`o.customer_id = ${deps.shop.busyCustomer.userId}`);
      expect(reads[0]!.problems).toEqual([]);
      expect(reads[1]!.problems.map((p) => p.table)).toContain('users');
    } finally {
      await explainPool.query('DROP PROCEDURE IF EXISTS explain_guardrail_probe');
    }
  });

  for (const call of CALLS) {
    it(call.name, async () => {
      const outcome = await runCall(deps, call, (name) => answers.get(name));
      answers.set(call.name, outcome.result);
      expect(outcome.failures, `${call.name}: plans that will not hold on a big shop`).toEqual([]);
    });
  }
});
