import { queueImport } from '@stockpulse/core';
import { invariantViolations, worldOn } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { createTestDatabase, eventually, type TestDatabase } from '@stockpulse/devstack';
import { type ImportProgress, JOBS } from '@stockpulse/shared';
import type { Job } from 'bullmq';
import type { RowDataPacket } from 'mysql2/promise';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testEnv } from '../testing';
import { startWorker } from '../worker';
import { importHandler } from './imports';

let database: TestDatabase;
let handle: DatabaseHandle;
let adminId: number;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  handle = connect(database.url);
  adminId = (await worldOn(handle).addCustomer({ role: 'admin', name: 'Ada' })).id;
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

const CSV = [
  'product_sku,name,category,option1_name,option1_value,sku,price,stock:MAIN',
  'LAMP,Desk lamp,Lights,Colour,Brass,LAMP-BR,40.00,6',
  'LAMP,,,Colour,Black,LAMP-BK,38.00,2',
  'LAMP,,,Colour,Black,LAMP-BK2,38.00,2',
].join('\n');

async function importRow(id: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT status, total_rows, created_count, failed_count, message FROM catalog_imports WHERE id = ?',
    [id],
  );
  return rows[0]!;
}

/** A fake BullMQ job of the imports queue: what the handler reads of one. */
const jobOf = (importId: number, attemptsMade = 0) =>
  ({ name: JOBS.imports.run, data: { importId }, attemptsMade, opts: { attempts: 3 } }) as Job<
    { importId: number },
    ImportProgress | null
  >;

describe('imports processor', () => {
  it('runs an import queued through the outbox: the relay adds the job, the worker applies the file', async () => {
    const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'));
    const worker = startWorker(env, handle.db, log);
    try {
      await worker.ready();
      const { importId } = await queueImport(handle.db, {
        csv: CSV,
        fileName: 'lamps.csv',
        adminId,
      });
      const done = await eventually('the import to finish', async () => {
        const row = await importRow(importId);
        return row.status === 'done' ? row : undefined;
      });
      expect(done).toMatchObject({
        total_rows: 3,
        created_count: 2,
        failed_count: 1,
        message: null,
      });
      const [errors] = await handle.pool.query<RowDataPacket[]>(
        'SELECT `row`, sku, message FROM catalog_import_errors WHERE import_id = ?',
        [importId],
      );
      expect(errors).toEqual([
        { row: 4, sku: 'LAMP-BK2', message: 'Another row of product LAMP is also "Black"' },
      ]);
      // The relay published every outbox row, the progress events among them.
      await eventually('the outbox to be published', async () => {
        const [rows] = await handle.pool.query<RowDataPacket[]>(
          'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL',
        );
        return Number(rows[0]!.n) === 0 ? true : undefined;
      });
      expect(await invariantViolations(handle.pool)).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('does nothing for an import that has ended, and marks one failed when its last attempt throws', async () => {
    const handler = importHandler({
      db: handle.db,
      connection: null as never,
      env: null as never,
      payments: null as never,
      log,
    });
    const { importId } = await queueImport(handle.db, { csv: CSV, fileName: 'again.csv', adminId });
    const first = await handler(jobOf(importId));
    expect(first).toMatchObject({ status: 'done', unchanged: 2, failed: 1 });
    // A second delivery of the same job: the import ended, so it is answered as it stands.
    expect(await handler(jobOf(importId))).toEqual(first);

    // The real database, but its next transaction fails as if the connection dropped.
    const dropsOnce = () => {
      let dropped = false;
      return new Proxy(handle.db, {
        get(target, prop, receiver) {
          if (prop === 'transaction' && !dropped) {
            dropped = true;
            return () => Promise.reject(new Error('connection lost'));
          }
          return Reflect.get(target, prop, receiver);
        },
      });
    };
    const deps = (db: typeof handle.db) => ({
      db,
      connection: null as never,
      env: null as never,
      payments: null as never,
      log,
    });
    const { importId: retried } = await queueImport(handle.db, {
      csv: CSV,
      fileName: 'x.csv',
      adminId,
    });
    // Not the last attempt: BullMQ will try again, so the import stays as it was.
    await expect(importHandler(deps(dropsOnce()))(jobOf(retried, 0))).rejects.toThrow(
      'connection lost',
    );
    expect((await importRow(retried)).status).toBe('queued');
    // The last attempt: the import is marked failed with why, not left to look queued.
    await expect(importHandler(deps(dropsOnce()))(jobOf(retried, 2))).rejects.toThrow(
      'connection lost',
    );
    expect(await importRow(retried)).toMatchObject({
      status: 'failed',
      message: 'The import stopped: connection lost',
    });
  });
});
