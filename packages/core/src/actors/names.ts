import { type Database, schema } from '@stockpulse/db';
import { inArray } from 'drizzle-orm';

/**
 * Ledger rows and order events name who acted as `customer:12`, `admin:3`, or a process
 * (`worker`, `scheduler`), built by `actorOf` (@stockpulse/shared, re-exported here).
 * Staff read names, so the console's answers carry one beside the raw actor.
 */

/** Processes that act without a user, as staff call them. */
const PROCESS_NAMES: Record<string, string> = {
  worker: 'Background worker',
  scheduler: 'Reorder scheduler',
  seed: 'Sample data',
  customer: 'Customer',
};

/** The user an actor string points at, if it points at one: `admin:3` → 3. */
export function actorUserId(actor: string): number | null {
  const match = /^(?:customer|admin):(\d+)$/.exec(actor);
  return match ? Number(match[1]) : null;
}

/** "Admin #3" for a user since deleted; "Worker" for a process this file does not know. */
function fallbackName(actor: string): string {
  const [kind = actor, id] = actor.split(':');
  const label = kind.charAt(0).toUpperCase() + kind.slice(1);
  return PROCESS_NAMES[actor] ?? (id ? `${label} #${id}` : label);
}

/**
 * Display names for a page of actors, with one primary-key lookup of the users they name
 * (however many rows the page has), keyed by the actor string.
 */
export async function actorNames(db: Database, actors: string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(actors)];
  const ids = [...new Set(distinct.map(actorUserId).filter((id) => id !== null))];
  const users = ids.length
    ? await db
        .select({ id: schema.users.id, name: schema.users.name })
        .from(schema.users)
        .where(inArray(schema.users.id, ids))
    : [];
  const byId = new Map(users.map((user) => [user.id, user.name]));
  return new Map(
    distinct.map((actor) => {
      const id = actorUserId(actor);
      return [actor, (id !== null && byId.get(id)) || fallbackName(actor)];
    }),
  );
}

/** Each row with `actorName` beside its `actor`, resolved in one query for all of them. */
export async function withActorNames<T extends { actor: string }>(
  db: Database,
  rows: T[],
): Promise<(T & { actorName: string })[]> {
  const names = await actorNames(
    db,
    rows.map((row) => row.actor),
  );
  return rows.map((row) => ({ ...row, actorName: names.get(row.actor) ?? row.actor }));
}
