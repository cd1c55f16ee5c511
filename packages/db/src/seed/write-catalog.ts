import { actorOf, DEFAULT_LOCATION_ID } from '@stockpulse/shared';
import { productCreatedAt, productId, productText, seedCategories } from './catalog';
import { addMovement, type SeedContext } from './context';
import { assignStockStates, planStock } from './inventory';
import { Rng } from './prng';
import { SearchWordRows } from './search-words';
import { SEED_TABLES } from './tables';
import { sqlTime } from './time';
import { SECOND_LOCATION, writeVariantProducts } from './variant-products';

/**
 * The category records, then every product with its inventory row and the ledger that explains it: an opening
 * balance at the start of the history, then its restocks (ordered, and received or
 * cancelled, or still in transit). The order phase adds the reserve/ship/release rows.
 * Then every product's search words (search-words.ts).
 */
export async function writeCatalog(ctx: SeedContext): Promise<void> {
  const { writer, catalog, tally, start, now } = ctx;
  const textRng = new Rng(ctx.seed, 'product-text');
  const stockRng = new Rng(ctx.seed, 'stock');
  const states = assignStockStates(new Rng(ctx.seed, 'stock-states'), catalog.count);
  const searchWords = new SearchWordRows();
  const opened = sqlTime(start);
  for (const category of seedCategories()) {
    writer.add(SEED_TABLES.categories, [
      category.id,
      category.name,
      category.slug,
      category.parentId,
      opened,
      opened,
    ]);
  }

  for (let i = 0; i < catalog.count; i++) {
    const id = productId(i);
    const text = productText(catalog, i, textRng);
    const created = sqlTime(productCreatedAt(textRng, start));
    writer.add(SEED_TABLES.products, [
      id,
      text.sku,
      text.name,
      text.description,
      text.category,
      text.categoryId,
      catalog.priceCents[i]!,
      text.imageUrl,
      true,
      created,
      created,
    ]);
    writer.add(SEED_TABLES.variants, [
      id,
      id,
      text.sku,
      '{}',
      '',
      catalog.priceCents[i]!,
      true,
      0,
      created,
      created,
    ]);
    searchWords.add(i, text);

    const plan = planStock(stockRng, i, states[i]!, tally, { start, now });
    addMovement(ctx, i, {
      onHand: plan.opening,
      reason: 'opening',
      refType: 'seed',
      refId: null,
      actor: actorOf('seed'),
      note: 'opening balance',
      at: start,
    });
    let movements = 1;
    let lastMovedAt = Math.max(start, tally.lastMovedAt[i]!);
    for (const r of plan.restocks) {
      ctx.ids.restock += 1;
      const restockId = ctx.ids.restock;
      const ref = { refType: 'restock' as const, refId: restockId, actor: actorOf('worker') };
      writer.add(SEED_TABLES.restocks, [
        restockId,
        id,
        id,
        DEFAULT_LOCATION_ID,
        r.quantity,
        r.status,
        actorOf('scheduler'),
        sqlTime(r.eta),
        r.status === 'received' ? sqlTime(r.closedAt!) : null,
        sqlTime(r.orderedAt),
        sqlTime(r.closedAt ?? r.orderedAt),
      ]);
      addMovement(ctx, i, {
        ...ref,
        incoming: r.quantity,
        reason: 'restock_order',
        at: r.orderedAt,
      });
      movements += 1;
      lastMovedAt = Math.max(lastMovedAt, r.closedAt ?? r.orderedAt);
      if (r.status === 'received') {
        addMovement(ctx, i, {
          ...ref,
          onHand: r.quantity,
          incoming: -r.quantity,
          reason: 'restock_receive',
          at: r.closedAt!,
        });
        movements += 1;
      } else if (r.status === 'cancelled') {
        addMovement(ctx, i, {
          ...ref,
          incoming: -r.quantity,
          reason: 'restock_cancel',
          note: 'supplier could not deliver',
          at: r.closedAt!,
        });
        movements += 1;
      }
    }

    writer.add(SEED_TABLES.inventory, [
      id,
      DEFAULT_LOCATION_ID,
      id,
      plan.onHand,
      plan.reserved,
      plan.incoming,
      plan.reorderPoint,
      plan.reorderQuantity,
      // Every ledger row bumped the version once, the opening included.
      movements + tally.movements[i]!,
      sqlTime(lastMovedAt),
    ]);
    // The second location holds none of the history's stock: an empty row, no ledger, and
    // reorder point 0 (not reordered nor flagged low there).
    writer.add(SEED_TABLES.inventory, [
      id,
      SECOND_LOCATION.id,
      id,
      0,
      0,
      0,
      0,
      plan.reorderQuantity,
      1,
      sqlTime(start),
    ]);
    // In steps of 500: one-by-one updates made the bar's ETA jump around.
    if ((i + 1) % 500 === 0 || i + 1 === catalog.count) ctx.progress.advance((i % 500) + 1);
    if (writer.full) await writer.flush();
  }
  await writeVariantProducts(ctx, searchWords);
  await searchWords.write(ctx, productId);
}
