import { connect, type DatabaseHandle, schema } from '@stockpulse/db';
import { DEFAULT_LOCATION_ID } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import type { Pool } from 'mysql2/promise';
import { checkInvariants, type InvariantViolation } from '../invariants';
import { writeProductWords } from '../products/words';
import { testCategory } from './categories';

/**
 * A small shop for integration tests, built through the schema so it keeps every
 * invariant: products with an opening ledger row, customers with an address.
 * Test-only (`@stockpulse/core/testing`): tests, the e2e stack and bench/ import it, never
 * product code.
 */
export interface World extends DatabaseHandle {
  addProduct(options?: {
    onHand?: number;
    priceCents?: number;
    active?: boolean;
    name?: string;
    /** The restock policy; the schema's defaults when not given. */
    reorderPoint?: number;
    reorderQuantity?: number;
  }): Promise<number>;
  /**
   * A product with options and variants over them, each with its stock per location
   * (`stock[locationId] = on hand`); answers the product id and each variant's id in order.
   */
  addVariantProduct(options: {
    name?: string;
    options: { name: string; values: string[] }[];
    variants: {
      options: Record<string, string>;
      priceCents?: number;
      stock: Record<number, number>;
    }[];
  }): Promise<{ productId: number; variantIds: number[] }>;
  /** A location that fulfils online orders unless told otherwise; answers its id. */
  addLocation(options?: {
    priority?: number;
    fulfilsOnline?: boolean;
    name?: string;
    /** A random one unless given (upper case, at most 16 characters). */
    code?: string;
  }): Promise<number>;
  /** The one variant of a simple product. */
  variantOf(productId: number): Promise<number>;
  addCustomer(options?: {
    name?: string;
    withAddress?: boolean;
    role?: 'customer' | 'admin';
  }): Promise<{ id: number; name: string }>;
  /** `invariantViolations` of this world's database. */
  violations(options?: { outbox?: boolean }): Promise<InvariantViolation[]>;
}

/**
 * The invariant check in both modes, full then recent (a test's writes are all within
 * the last hour), every violation of either. Tests that run no outbox relay pass
 * `{ outbox: false }`: their outbox rows stay unpublished by design, and invariant 7
 * would flag them.
 */
export async function invariantViolations(
  pool: Pool,
  { outbox = true }: { outbox?: boolean } = {},
): Promise<InvariantViolation[]> {
  const full = await checkInvariants({ pool }, { mode: 'full' });
  const recent = await checkInvariants({ pool }, { mode: 'recent' });
  const all = [...full.violations, ...recent.violations];
  return outbox ? all : all.filter((violation) => violation.invariant !== 7);
}

let sequence = 0;

/** A world on a pool of its own; `close()` ends that pool. */
export function openWorld(databaseUrl: string, options: { connectionLimit?: number } = {}): World {
  return worldOn(connect(databaseUrl, { connectionLimit: options.connectionLimit ?? 20 }));
}

/** A world on a connection the caller already holds; `close()` ends that connection. */
export function worldOn(handle: DatabaseHandle): World {
  const { db } = handle;
  return {
    ...handle,
    async addProduct({
      onHand = 100,
      priceCents = 1_000,
      active = true,
      name,
      reorderPoint,
      reorderQuantity,
    } = {}) {
      const n = ++sequence;
      const values = {
        sku: `T-${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`,
        name: name ?? `Test product ${n}`,
        description: 'A product made for a test.',
      };
      const categoryId = await testCategory(db, 'Test');
      const [product] = await db
        .insert(schema.products)
        .values({ ...values, category: 'Test', categoryId, priceCents, active });
      const productId = product.insertId;
      await writeProductWords(db, { id: productId, ...values });
      const [variant] = await db.insert(schema.variants).values({
        productId,
        sku: values.sku,
        options: '{}',
        title: '',
        priceCents,
      });
      const variantId = variant.insertId;
      await db.insert(schema.inventory).values({
        variantId,
        locationId: DEFAULT_LOCATION_ID,
        productId,
        onHand,
        reorderPoint,
        reorderQuantity,
      });
      await db.insert(schema.stockMovements).values({
        variantId,
        locationId: DEFAULT_LOCATION_ID,
        deltaOnHand: onHand,
        reason: 'opening',
        refType: 'seed',
        actor: 'test',
      });
      return productId;
    },
    async addVariantProduct({ name, options, variants }) {
      const n = ++sequence;
      const base = `TV-${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`;
      const values = {
        sku: base,
        name: name ?? `Test variant product ${n}`,
        description: 'A product with variants made for a test.',
      };
      const prices = variants.map((variant) => variant.priceCents ?? 1_000);
      const categoryId = await testCategory(db, 'Test');
      const [product] = await db
        .insert(schema.products)
        .values({ ...values, category: 'Test', categoryId, priceCents: Math.min(...prices) });
      const productId = product.insertId;
      await writeProductWords(db, { id: productId, ...values });
      for (const [position, option] of options.entries()) {
        const [inserted] = await db
          .insert(schema.productOptions)
          .values({ productId, name: option.name, position });
        await db
          .insert(schema.productOptionValues)
          .values(
            option.values.map((value, i) => ({ optionId: inserted.insertId, value, position: i })),
          );
      }
      const variantIds: number[] = [];
      for (const [i, variant] of variants.entries()) {
        const [inserted] = await db.insert(schema.variants).values({
          productId,
          sku: `${base}-${i}`,
          options: JSON.stringify(variant.options),
          title: options.map((option) => variant.options[option.name]).join(' / '),
          priceCents: prices[i]!,
          position: i,
        });
        const variantId = inserted.insertId;
        variantIds.push(variantId);
        for (const [locationId, onHandThere] of Object.entries(variant.stock)) {
          await db.insert(schema.inventory).values({
            variantId,
            locationId: Number(locationId),
            productId,
            onHand: onHandThere,
          });
          await db.insert(schema.stockMovements).values({
            variantId,
            locationId: Number(locationId),
            deltaOnHand: onHandThere,
            reason: 'opening',
            refType: 'seed',
            actor: 'test',
          });
        }
      }
      return { productId, variantIds };
    },
    async addLocation({ priority = 50, fulfilsOnline = true, name, code } = {}) {
      const n = ++sequence;
      const [location] = await db.insert(schema.locations).values({
        name: name ?? `Test location ${n}`,
        code:
          code ??
          `T${process.pid % 1000}${n}${Math.random().toString(36).slice(2, 5)}`
            .slice(0, 16)
            .toUpperCase(),
        country: 'US',
        fulfilsOnline,
        priority,
      });
      return location.insertId;
    },
    async variantOf(productId) {
      const rows = await db
        .select({ id: schema.variants.id })
        .from(schema.variants)
        .where(eq(schema.variants.productId, productId));
      if (rows.length !== 1) throw new Error(`product ${productId} has ${rows.length} variants`);
      return rows[0]!.id;
    },
    async addCustomer({ name, withAddress = true, role = 'customer' } = {}) {
      const n = ++sequence;
      const customerName = name ?? `Customer ${n}`;
      const [user] = await db.insert(schema.users).values({
        email: `c${n}-${Math.random().toString(36).slice(2, 10)}@example.com`,
        name: customerName,
        passwordHash: 'not-a-real-hash',
        role,
      });
      const id = user.insertId;
      if (role === 'customer') {
        await db.insert(schema.customers).values({
          id,
          ...(withAddress
            ? {
                addressLine1: '1 Test Street',
                city: 'Testville',
                postalCode: '12345',
                country: 'US',
              }
            : {}),
        });
      }
      return { id, name: customerName };
    },
    violations: (options) => invariantViolations(handle.pool, options),
  };
}
