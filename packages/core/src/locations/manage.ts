import { type Database, schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { inTransaction, isDuplicateKey } from '../db/transaction';

export interface LocationView {
  id: number;
  name: string;
  code: string;
  country: string;
  fulfilsOnline: boolean;
  priority: number;
  active: boolean;
}

const columns = {
  id: schema.locations.id,
  name: schema.locations.name,
  code: schema.locations.code,
  country: schema.locations.country,
  fulfilsOnline: schema.locations.fulfilsOnline,
  priority: schema.locations.priority,
  active: schema.locations.active,
};

/** Every location, archived ones last, by priority (the allocation order) then id. */
export function listLocations(db: Database): Promise<LocationView[]> {
  return db
    .select(columns)
    .from(schema.locations)
    .orderBy(
      sql`${schema.locations.active} DESC`,
      asc(schema.locations.priority),
      asc(schema.locations.id),
    );
}

export async function getLocation(db: Database, id: number): Promise<LocationView> {
  const [row] = await db.select(columns).from(schema.locations).where(eq(schema.locations.id, id));
  if (!row) throw new DomainError('NOT_FOUND', `Location ${id} not found`);
  return row;
}

export interface NewLocation {
  name: string;
  code: string;
  country: string;
  fulfilsOnline: boolean;
  priority: number;
}

const codeTaken = (code: string) =>
  new DomainError('LOCATION_CODE_TAKEN', `Location code ${code} belongs to another location`, {
    code,
  });

/**
 * Creates a location and an empty stock row there for every variant, so stock can be
 * adjusted, moved and transferred there at once (one INSERT … SELECT; no ledger rows: an
 * empty row equals its empty ledger). Their reorder point is 0: nothing is reordered for
 * them, nor flagged low, until staff give them a policy.
 */
export async function createLocation(db: Database, input: NewLocation): Promise<LocationView> {
  try {
    const id = await inTransaction(db, async (tx) => {
      const [inserted] = await tx.insert(schema.locations).values(input);
      const locationId = inserted.insertId;
      await tx.execute(
        sql`INSERT INTO inventory (variant_id, location_id, product_id, reorder_point)
            SELECT id, ${locationId}, product_id, 0 FROM variants`,
      );
      return locationId;
    });
    return getLocation(db, id);
  } catch (error) {
    if (isDuplicateKey(error)) throw codeTaken(input.code);
    throw error;
  }
}

export interface LocationChanges {
  name?: string | undefined;
  code?: string | undefined;
  country?: string | undefined;
  fulfilsOnline?: boolean | undefined;
  priority?: number | undefined;
}

/**
 * Changes a location. Whether it fulfils online orders and its priority change what
 * shoppers can buy and where new orders are allocated from; orders already placed keep
 * their allocations.
 */
export async function updateLocation(
  db: Database,
  id: number,
  changes: LocationChanges,
): Promise<LocationView> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  try {
    const [result] = await db
      .update(schema.locations)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(schema.locations.id, id));
    if (result.affectedRows !== 1) throw new DomainError('NOT_FOUND', `Location ${id} not found`);
  } catch (error) {
    if (isDuplicateKey(error) && changes.code) throw codeTaken(changes.code);
    throw error;
  }
  return getLocation(db, id);
}

/**
 * Archives a location: no longer allocated from, adjusted or transferred to. Refused
 * (STOCK_UNAVAILABLE) while it holds, expects or has reserved any stock: move it out
 * first, so nothing is stranded where no one looks.
 */
export async function archiveLocation(db: Database, id: number): Promise<LocationView> {
  await inTransaction(db, async (tx) => {
    const [location] = await tx
      .select({ id: schema.locations.id })
      .from(schema.locations)
      .where(eq(schema.locations.id, id))
      .for('update');
    if (!location) throw new DomainError('NOT_FOUND', `Location ${id} not found`);
    const [holding] = await tx
      .select({ variantId: schema.inventory.variantId })
      .from(schema.inventory)
      .where(
        and(
          eq(schema.inventory.locationId, id),
          or(
            gt(schema.inventory.onHand, 0),
            gt(schema.inventory.incoming, 0),
            gt(schema.inventory.reserved, 0),
          ),
        ),
      )
      .limit(1);
    if (holding) {
      throw new DomainError(
        'STOCK_UNAVAILABLE',
        'This location still holds or expects stock: transfer it elsewhere before archiving',
        { locationId: id },
      );
    }
    await tx
      .update(schema.locations)
      .set({ active: false, updatedAt: new Date() })
      .where(eq(schema.locations.id, id));
  });
  return getLocation(db, id);
}
