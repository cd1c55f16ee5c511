import { schema } from '@stockpulse/db';
import { DEFAULT_LOCATION_ID, DomainError } from '@stockpulse/shared';
import { and, eq } from 'drizzle-orm';
import { actorOf } from '../../actors';
import { inTransaction, isDuplicateKey, type Tx } from '../../db/transaction';
import { checkStockPosition } from '../../inventory/bounds';
import {
  type InventoryRow,
  type Movement,
  moveStock,
  readInventory,
  StockConflict,
  type StockDelta,
} from '../../inventory/stock';
import type { OutboxMessage } from '../../outbox/messages';
import { writeOutbox } from '../../outbox/write';
import { productUpdatedEvent } from '../updated-event';
import {
  type OptionInput,
  syncProductPrice,
  VARIANT_LIMITS,
  type VariantView,
  variantTitle,
} from '../variants';
import { type ImportScope, type ResolvedRow, type RowOutcome, refusal } from './scope';

const outcome = (row: ResolvedRow, result: 'created' | 'updated' | 'unchanged'): RowOutcome => ({
  row: row.row,
  sku: row.sku,
  result,
});

/** The ledger rows an import writes: `import <id>`, by the admin who uploaded the file. */
const importMovement = (scope: ImportScope, reason: 'adjust' | 'opening'): Movement => ({
  reason,
  refType: 'admin',
  refId: scope.adminId,
  actor: actorOf('admin', scope.adminId),
  note: `import ${scope.importId}`,
});

const sameOptions = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([name, value]) => b[name] === value);

const rowOptions = (row: ResolvedRow) =>
  Object.fromEntries(row.options.map((option) => [option.name, option.value]));

/**
 * An existing variant brought in line with its row, in one transaction: its price and
 * whether it is sold where the row gives them and they differ, and its on hand at each
 * location the row names set to the row's figure by an `adjust` ledger row ("import N")
 * through `moveStock`. A row that matches writes nothing at all: no ledger row, no event.
 */
export async function updateVariantFromRow(
  scope: ImportScope,
  productId: number,
  variant: VariantView,
  row: ResolvedRow,
): Promise<RowOutcome> {
  if (row.options.length > 0 && !sameOptions(rowOptions(row), variant.options)) {
    return refusal(
      row,
      new DomainError(
        'INVALID_VARIANTS',
        `Variant ${row.sku} is ${variant.title || 'the default variant'} in the shop, the file says ${row.options.map((o) => o.value).join(' / ')}: an import does not change an existing variant's options`,
      ),
    );
  }
  try {
    return await inTransaction(scope.db, async (tx) => {
      const [locked] = await tx
        .select({ priceCents: schema.variants.priceCents, active: schema.variants.active })
        .from(schema.variants)
        .where(eq(schema.variants.id, variant.id))
        .for('update');
      if (!locked) throw new DomainError('NOT_FOUND', `Variant ${row.sku} was deleted meanwhile`);
      const set: { priceCents?: number; active?: boolean } = {};
      if (row.priceCents !== undefined && row.priceCents !== locked.priceCents) {
        set.priceCents = row.priceCents;
      }
      if (row.active !== undefined && row.active !== locked.active) set.active = row.active;
      if (set.active === false) await keepOneOnSale(tx, productId, variant.id);

      const deltas = await stockDeltas(tx, productId, variant.id, row);
      if (Object.keys(set).length === 0 && deltas.length === 0) return outcome(row, 'unchanged');

      const messages: OutboxMessage[] = [];
      if (Object.keys(set).length > 0) {
        await tx
          .update(schema.variants)
          .set({ ...set, updatedAt: new Date() })
          .where(eq(schema.variants.id, variant.id));
      }
      if (deltas.length > 0) {
        messages.push(...(await moveImportStock(tx, deltas, importMovement(scope, 'adjust'), row)));
      }
      if (Object.keys(set).length > 0) {
        await syncProductPrice(tx, productId);
        messages.push(await productUpdatedEvent(tx, productId));
      }
      await writeOutbox(tx, messages);
      return outcome(row, 'updated');
    });
  } catch (error) {
    return refusal(row, error);
  }
}

/**
 * A new variant of an existing product, in one transaction holding the product's row: the
 * row must name exactly the product's options; a value the product has not had yet is
 * added to its option. The variant gets a stock row at every active location and an
 * `opening` ledger row ("import N") for its stock, as `createProduct` gives a new one.
 */
export async function addVariantFromRow(
  scope: ImportScope,
  productId: number,
  options: readonly OptionInput[],
  row: ResolvedRow,
): Promise<RowOutcome> {
  const values = rowOptions(row);
  const names = options.map((option) => option.name);
  try {
    if (names.length === 0) {
      throw new DomainError(
        'INVALID_VARIANTS',
        `Product ${row.productSku} has no options, so a second variant could not be told apart: give it options in the console first`,
      );
    }
    if (!sameNames(names, Object.keys(values))) {
      throw new DomainError(
        'INVALID_VARIANTS',
        `Options don't fit product ${row.productSku}: it has ${names.join(', ')}, this row names ${Object.keys(values).join(', ') || 'none'}`,
      );
    }
    if (row.priceCents === undefined) {
      throw new DomainError('INVALID_VARIANTS', 'A new variant needs a price');
    }
    const priceCents = row.priceCents;
    return await inTransaction(scope.db, async (tx) => {
      await tx
        .select({ id: schema.products.id })
        .from(schema.products)
        .where(eq(schema.products.id, productId))
        .for('update');
      const siblings = await tx
        .select({ options: schema.variants.options, position: schema.variants.position })
        .from(schema.variants)
        .where(eq(schema.variants.productId, productId));
      if (siblings.length >= VARIANT_LIMITS.variants) {
        throw new DomainError(
          'INVALID_VARIANTS',
          `A product has at most ${VARIANT_LIMITS.variants} variants`,
        );
      }
      if (siblings.some((s) => sameOptions(JSON.parse(s.options), values))) {
        throw new DomainError(
          'INVALID_VARIANTS',
          `Product ${row.productSku} already has a variant ${variantTitle(options, values)}`,
        );
      }
      await addOptionValues(tx, productId, values);
      const [inserted] = await tx.insert(schema.variants).values({
        productId,
        sku: row.sku,
        options: JSON.stringify(values),
        title: variantTitle(options, values),
        priceCents,
        active: row.active ?? true,
        position: Math.max(-1, ...siblings.map((s) => s.position)) + 1,
      });
      const variantId = inserted.insertId;
      const locations = [...scope.locations.values()].filter((l) => l.active);
      await tx
        .insert(schema.inventory)
        .values(locations.map((l) => ({ variantId, locationId: l.id, productId, onHand: 0 })));
      const deltas: StockDelta[] = row.locationStock.map(({ locationId, quantity }) => ({
        variantId,
        locationId,
        onHand: quantity,
      }));
      // Every variant's ledger starts with an opening row, as createProduct's do.
      if (
        !deltas.some((d) => d.locationId === DEFAULT_LOCATION_ID) &&
        locations.some((l) => l.id === DEFAULT_LOCATION_ID)
      ) {
        deltas.push({ variantId, locationId: DEFAULT_LOCATION_ID, onHand: 0 });
      }
      const moved = await moveStock(tx, deltas, importMovement(scope, 'opening'));
      await syncProductPrice(tx, productId);
      await writeOutbox(tx, [...moved.events, await productUpdatedEvent(tx, productId)]);
      return outcome(row, 'created');
    });
  } catch (error) {
    if (isDuplicateKey(error)) {
      return refusal(row, new DomainError('SKU_TAKEN', `SKU ${row.sku} was taken meanwhile`));
    }
    return refusal(row, error);
  }
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name) => b.includes(name));

/** Adds the values this variant has that its product's options do not yet list. */
async function addOptionValues(tx: Tx, productId: number, values: Record<string, string>) {
  const rows = await tx
    .select({
      optionId: schema.productOptions.id,
      name: schema.productOptions.name,
      value: schema.productOptionValues.value,
      position: schema.productOptionValues.position,
    })
    .from(schema.productOptions)
    .innerJoin(
      schema.productOptionValues,
      eq(schema.productOptionValues.optionId, schema.productOptions.id),
    )
    .where(eq(schema.productOptions.productId, productId));
  for (const [name, value] of Object.entries(values)) {
    const ofOption = rows.filter((r) => r.name === name);
    if (ofOption.some((r) => r.value === value)) continue;
    const [option] = ofOption;
    if (!option) continue;
    if (ofOption.length >= VARIANT_LIMITS.values) {
      throw new DomainError(
        'INVALID_VARIANTS',
        `Option "${name}" has ${VARIANT_LIMITS.values} values already`,
      );
    }
    await tx.insert(schema.productOptionValues).values({
      optionId: option.optionId,
      value,
      position: Math.max(...ofOption.map((r) => r.position)) + 1,
    });
  }
}

/** A product keeps at least one variant on sale (as `updateVariant` insists). */
async function keepOneOnSale(tx: Tx, productId: number, variantId: number) {
  const onSale = await tx
    .select({ id: schema.variants.id })
    .from(schema.variants)
    .where(and(eq(schema.variants.productId, productId), eq(schema.variants.active, true)));
  if (onSale.every((v) => v.id === variantId)) {
    throw new DomainError(
      'INVALID_VARIANTS',
      'A product keeps at least one variant on sale; archive the product instead',
      { variantId },
    );
  }
}

/**
 * The on-hand changes that take each named location to the row's figure, from the stock
 * rows read locked (in key order); a location the variant has no row at yet gets one.
 */
async function stockDeltas(
  tx: Tx,
  productId: number,
  variantId: number,
  row: ResolvedRow,
): Promise<StockDelta[]> {
  if (row.locationStock.length === 0) return [];
  const keys = row.locationStock.map(({ locationId }) => ({ variantId, locationId }));
  let held: InventoryRow[] = await readInventory(tx, keys, { lock: true });
  const missing = keys.filter((key) => !held.some((h) => h.locationId === key.locationId));
  if (missing.length > 0) {
    await tx
      .insert(schema.inventory)
      .values(missing.map((key) => ({ ...key, productId, onHand: 0 })));
    held = await readInventory(tx, keys, { lock: true });
  }
  const deltas: StockDelta[] = [];
  for (const { locationId, quantity } of row.locationStock) {
    const now = held.find((h) => h.locationId === locationId)!;
    const delta = quantity - now.onHand;
    if (delta === 0) continue;
    if (delta > 0) checkStockPosition(now, delta, 'an import');
    deltas.push({ variantId, locationId, onHand: delta });
  }
  return deltas;
}

/** `moveStock`, its refusal worded for the row: which location, and how low it may go. */
async function moveImportStock(
  tx: Tx,
  deltas: StockDelta[],
  movement: Movement,
  row: ResolvedRow,
): Promise<OutboxMessage[]> {
  try {
    return (await moveStock(tx, deltas, movement)).events;
  } catch (error) {
    if (!(error instanceof StockConflict)) throw error;
    // Only on hand moves, so what is held at each row is as it was: the refused location is
    // the one whose figure is under it.
    const heldAt = (locationId: number) => {
      const r = error.rows.find((x) => x.locationId === locationId);
      return r ? r.reserved + r.damaged + r.qualityControl + r.safetyStock : 0;
    };
    const bad =
      row.locationStock.find((s) => s.quantity < heldAt(s.locationId)) ?? row.locationStock[0]!;
    const heldThere = heldAt(bad.locationId);
    throw new DomainError(
      'STOCK_BELOW_RESERVED',
      `stock:${bad.code} ${bad.quantity} is below what is reserved or set aside there (${heldThere})`,
      { sku: row.sku, locationCode: bad.code, quantity: bad.quantity, held: heldThere },
    );
  }
}
