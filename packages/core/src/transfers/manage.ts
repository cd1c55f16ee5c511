import { type Database, schema } from '@stockpulse/db';
import { DomainError, type TransferStatus, type TransferUpdated } from '@stockpulse/shared';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction, type Tx } from '../db/transaction';
import { moveStock, StockConflict, type StockDelta } from '../inventory/stock';
import { writeOutbox } from '../outbox/write';
import { decodeCursor, encodeCursor, pageOf } from '../paging';

export interface TransferLineView {
  variantId: number;
  productId: number;
  sku: string;
  name: string;
  variantTitle: string;
  quantity: number;
}

export interface TransferView {
  id: number;
  fromLocationId: number;
  toLocationId: number;
  status: TransferStatus;
  createdBy: string;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  shippedAt: Date | null;
  receivedAt: Date | null;
  cancelledAt: Date | null;
  lines: TransferLineView[];
}

export const MAX_TRANSFER_LINES = 200;

export interface NewTransfer {
  fromLocationId: number;
  toLocationId: number;
  lines: { variantId: number; quantity: number }[];
  note?: string | undefined;
  adminId: number;
}

async function activeLocations(tx: Tx, ids: number[]) {
  const rows = await tx
    .select({ id: schema.locations.id, active: schema.locations.active })
    .from(schema.locations)
    .where(inArray(schema.locations.id, ids));
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    if (!row?.active) throw new DomainError('NOT_FOUND', `Location ${id} not found or archived`);
  }
}

/**
 * A draft transfer between two active locations (DESIGN §11). Nothing moves until it
 * ships. Lines name variants, merged by variant; both ends get a stock row for each.
 */
export async function createTransfer(db: Database, input: NewTransfer): Promise<TransferView> {
  if (input.fromLocationId === input.toLocationId) {
    throw new DomainError('TRANSFER_STATE', 'A transfer goes between two different locations');
  }
  const merged = new Map<number, number>();
  for (const line of input.lines) {
    merged.set(line.variantId, (merged.get(line.variantId) ?? 0) + line.quantity);
  }
  const id = await inTransaction(db, async (tx) => {
    await activeLocations(tx, [input.fromLocationId, input.toLocationId]);
    const variantIds = [...merged.keys()];
    const known = await tx
      .select({ id: schema.variants.id, productId: schema.variants.productId })
      .from(schema.variants)
      .where(inArray(schema.variants.id, variantIds));
    const missing = variantIds.filter((v) => !known.some((k) => k.id === v));
    if (missing.length > 0) {
      throw new DomainError('NOT_FOUND', `Unknown variants: ${missing.join(', ')}`, { missing });
    }
    // Both ends have a row for every line (a location made before a variant may lack one).
    await tx.execute(
      sql`INSERT IGNORE INTO inventory (variant_id, location_id, product_id, reorder_point) VALUES ${sql.join(
        known.flatMap((v) =>
          [input.fromLocationId, input.toLocationId].map(
            (locationId) => sql`(${v.id}, ${locationId}, ${v.productId}, 0)`,
          ),
        ),
        sql`, `,
      )}`,
    );
    const [inserted] = await tx.insert(schema.transfers).values({
      fromLocationId: input.fromLocationId,
      toLocationId: input.toLocationId,
      createdBy: actorOf('admin', input.adminId),
      note: input.note ?? null,
    });
    await tx.insert(schema.transferLines).values(
      [...merged].map(([variantId, quantity]) => ({
        transferId: inserted.insertId,
        variantId,
        quantity,
      })),
    );
    const transfer = await readTransfer(tx, inserted.insertId);
    await writeOutbox(tx, [transferEvent(transfer!)]);
    return inserted.insertId;
  });
  return (await getTransfer(db, id))!;
}

function transferEvent(t: TransferView): {
  kind: 'event';
  topic: 'transfer:updated';
  payload: TransferUpdated;
} {
  return {
    kind: 'event',
    topic: 'transfer:updated',
    payload: {
      id: t.id,
      fromLocationId: t.fromLocationId,
      toLocationId: t.toLocationId,
      status: t.status,
      at: t.updatedAt.toISOString(),
    },
  };
}

async function readTransfer(db: Database | Tx, id: number, lock = false) {
  const query = db.select().from(schema.transfers).where(eq(schema.transfers.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) return null;
  const lines = await db
    .select({
      variantId: schema.transferLines.variantId,
      productId: schema.variants.productId,
      sku: schema.variants.sku,
      name: schema.products.name,
      variantTitle: schema.variants.title,
      quantity: schema.transferLines.quantity,
    })
    .from(schema.transferLines)
    .innerJoin(schema.variants, eq(schema.variants.id, schema.transferLines.variantId))
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(eq(schema.transferLines.transferId, id))
    .orderBy(asc(schema.transferLines.variantId));
  return { ...row, lines } satisfies TransferView;
}

export const getTransfer = (db: Database, id: number) => readTransfer(db, id);

type Step = 'ship' | 'receive' | 'cancel';

const FROM: Record<Step, TransferStatus[]> = {
  ship: ['draft'],
  receive: ['in_transit'],
  cancel: ['draft', 'in_transit'],
};

/**
 * Moves a transfer on (DESIGN §11), with its stock and ledger rows in one transaction:
 * ship (draft → in_transit: on_hand leaves the source, never more than is available
 * there, and incoming rises at the destination), receive (in_transit → received: incoming
 * becomes on_hand at the destination), cancel (a draft: nothing moves; in transit: the
 * units go back on hand at the source). TRANSFER_STATE when the transfer is past that step.
 */
export async function stepTransfer(
  db: Database,
  input: { id: number; step: Step; adminId: number },
): Promise<TransferView> {
  const { id, step } = input;
  await inTransaction(db, async (tx) => {
    const transfer = await readTransfer(tx, id, true);
    if (!transfer) throw new DomainError('NOT_FOUND', `Transfer ${id} not found`);
    if (!FROM[step].includes(transfer.status)) {
      throw new DomainError(
        'TRANSFER_STATE',
        `A transfer that is ${transfer.status.replace('_', ' ')} cannot ${step === 'ship' ? 'be shipped' : step === 'receive' ? 'be received' : 'be cancelled'}`,
        { status: transfer.status, step },
      );
    }
    const from = transfer.fromLocationId;
    const to = transfer.toLocationId;
    const deltas: StockDelta[] = [];
    for (const { variantId, quantity: q } of transfer.lines) {
      if (step === 'ship') {
        deltas.push({ variantId, locationId: from, onHand: -q });
        deltas.push({ variantId, locationId: to, incoming: q });
      } else if (step === 'receive') {
        deltas.push({ variantId, locationId: to, incoming: -q, onHand: q });
      } else if (transfer.status === 'in_transit') {
        deltas.push({ variantId, locationId: from, onHand: q });
        deltas.push({ variantId, locationId: to, incoming: -q });
      }
    }
    const now = new Date();
    const status: TransferStatus =
      step === 'ship' ? 'in_transit' : step === 'receive' ? 'received' : 'cancelled';
    await tx
      .update(schema.transfers)
      .set({
        status,
        updatedAt: now,
        ...(step === 'ship' ? { shippedAt: now } : {}),
        ...(step === 'receive' ? { receivedAt: now } : {}),
        ...(step === 'cancel' ? { cancelledAt: now } : {}),
      })
      .where(eq(schema.transfers.id, id));
    let events: Awaited<ReturnType<typeof moveStock>>['events'] = [];
    if (deltas.length > 0) {
      try {
        const moved = await moveStock(tx, deltas, {
          reason:
            step === 'ship'
              ? 'transfer_ship'
              : step === 'receive'
                ? 'transfer_receive'
                : 'transfer_cancel',
          refType: 'transfer',
          refId: id,
          actor: actorOf('admin', input.adminId),
        });
        events = moved.events;
      } catch (error) {
        if (!(error instanceof StockConflict)) throw error;
        const short = error.rows
          .filter((row) => row.locationId === from)
          .filter((row) => {
            const line = transfer.lines.find((l) => l.variantId === row.variantId);
            return line && (row.available ?? 0) < line.quantity;
          })
          .map((row) => ({
            variantId: row.variantId,
            available: row.available ?? 0,
            requested: transfer.lines.find((l) => l.variantId === row.variantId)!.quantity,
          }));
        throw new DomainError(
          'STOCK_UNAVAILABLE',
          `Not enough available at the source to ship: ${short
            .map((s) => `variant ${s.variantId} (${s.available} of ${s.requested})`)
            .join(', ')}`,
          { items: short },
        );
      }
    }
    const after = await readTransfer(tx, id);
    await writeOutbox(tx, [transferEvent(after!), ...events]);
  });
  return (await getTransfer(db, id))!;
}

export interface TransferCursor {
  id: number;
}

export function decodeTransferCursor(text: string): TransferCursor | null {
  const keys = decodeCursor(text, 'transfers', ['int']);
  return keys ? { id: keys[0] as number } : null;
}

/** Transfers newest first, a keyset page at a time (`transfers (status)` + id). */
export async function listTransfers(
  db: Database,
  query: {
    status?: TransferStatus | undefined;
    cursor?: TransferCursor | undefined;
    limit: number;
  },
) {
  const rows = await db
    .select({ id: schema.transfers.id })
    .from(schema.transfers)
    .where(
      and(
        query.status ? eq(schema.transfers.status, query.status) : undefined,
        query.cursor ? lt(schema.transfers.id, query.cursor.id) : undefined,
      ),
    )
    .orderBy(desc(schema.transfers.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (last) => encodeCursor('transfers', [last.id]));
  const items = (await Promise.all(page.items.map((row) => getTransfer(db, row.id)))).filter(
    (t) => t !== null,
  );
  return { items, nextCursor: page.nextCursor };
}
