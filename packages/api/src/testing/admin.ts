// Test helper for the admin routers (`@stockpulse/api/testing`, never the package root): a
// private database, an admin, a customer and an anonymous browser, and the checks every
// admin test repeats.

import { createSession } from '@stockpulse/core';
import { drainOutbox as drainRelay, openWorld, type World } from '@stockpulse/core/testing';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { TRPCError } from '@trpc/server';
import { Redis } from 'ioredis';
import { expect, inject } from 'vitest';
import { TestBrowser } from './browser';

/** The tables an admin procedure may write; `sessions` is left out (reads refresh it). */
const TOUCHED_TABLES = [
  'users',
  'customers',
  'categories',
  'products',
  'inventory',
  'stock_movements',
  'orders',
  'order_details',
  'order_events',
  'order_allocations',
  'shipments',
  'shipment_lines',
  'refunds',
  'refund_rollup',
  'restocks',
  'outbox',
];

export interface AdminHarness {
  world: World;
  adminId: number;
  customer: { id: number; name: string };
  /** Signed in as the admin, as the customer, and not at all. */
  asAdmin(): ReturnType<TestBrowser['caller']>;
  asCustomer(): ReturnType<TestBrowser['caller']>;
  asAnonymous(): ReturnType<TestBrowser['caller']>;
  /** A checksum of every table an admin procedure writes. */
  digest(): Promise<string>;
  /**
   * The unpublished outbox rows, oldest first, now marked published (no relay runs here,
   * and invariant 7 counts a row unpublished after 5 s as a violation).
   */
  drainOutbox(): Promise<{ topic: string; payload: Record<string, unknown> }[]>;
  /** Drains the outbox, then expects the invariant check (both modes) to find nothing. */
  expectInvariants(): Promise<void>;
  close(): Promise<void>;
}

export async function openAdminHarness(): Promise<AdminHarness> {
  const database: TestDatabase = await createTestDatabase(inject('databaseUrl'));
  const world = openWorld(database.url);
  const redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  const deps = { db: world.db, redis, redisPrefix: `${inject('redisPrefix')}:admin:` };
  const signedIn = async (userId: number) => {
    const browser = new TestBrowser(deps);
    browser.token = (await createSession(world.db, userId)).token;
    return browser;
  };
  const admin = await world.addCustomer({ name: 'Ada Admin', role: 'admin' });
  const customer = await world.addCustomer({ name: 'Carl Customer' });
  const adminBrowser = await signedIn(admin.id);
  const customerBrowser = await signedIn(customer.id);
  const anonymous = new TestBrowser(deps);

  const drainOutbox = async () => {
    const rows = await drainRelay(world.db);
    return rows.map((row) => ({
      topic: row.topic,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    }));
  };

  return {
    world,
    adminId: admin.id,
    customer,
    asAdmin: () => adminBrowser.caller(),
    asCustomer: () => customerBrowser.caller(),
    asAnonymous: () => anonymous.caller(),
    async digest() {
      const [rows] = await world.pool.query(`CHECKSUM TABLE ${TOUCHED_TABLES.join(', ')}`);
      return JSON.stringify(rows);
    },
    drainOutbox,
    async expectInvariants() {
      await drainOutbox();
      expect(await world.violations()).toEqual([]);
    },
    async close() {
      redis.disconnect();
      await world.close();
      await database.drop();
    },
  };
}

/** The TRPCError a call failed with (the test fails if it succeeded). */
export async function trpcError(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/**
 * Calls `procedure` with each input and expects every call refused with `code`
 * (BAD_REQUEST unless told), the database left exactly as it was.
 */
export async function expectRefused(
  harness: AdminHarness,
  procedure: (input: never) => Promise<unknown>,
  inputs: unknown[],
  code: TRPCError['code'] = 'BAD_REQUEST',
) {
  const before = await harness.digest();
  for (const input of inputs) {
    const error = await trpcError((procedure as (input: unknown) => Promise<unknown>)(input));
    expect(error.code, `input ${JSON.stringify(input)}`).toBe(code);
  }
  expect(await harness.digest()).toBe(before);
}
