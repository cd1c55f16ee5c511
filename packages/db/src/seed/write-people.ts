import type { SeedContext } from './context';
import { ADMIN_USER_ID, customerId } from './customers';
import { Rng } from './prng';
import { SEED_TABLES } from './tables';
import { DAY, MINUTE, sqlTime } from './time';

export interface Credentials {
  adminEmail: string;
  adminHash: string;
  /** One hash of the demo password, shared by every generated customer. */
  customerHash: string;
}

/** The admin user, then every customer's user row and profile row (same id). */
export async function writePeople(ctx: SeedContext, credentials: Credentials): Promise<void> {
  const { writer, start, now } = ctx;
  const rng = new Rng(ctx.seed, 'signups');
  const adminSince = sqlTime(start - 400 * DAY);
  writer.add(SEED_TABLES.users, [
    ADMIN_USER_ID,
    credentials.adminEmail,
    'Store Admin',
    credentials.adminHash,
    'admin',
    adminSince,
    adminSince,
  ]);
  for (let k = 0; k < ctx.customers.length; k++) {
    const c = ctx.customers[k]!;
    const firstOrder = ctx.tally.firstOrderAt[k]!;
    let signup = Math.floor(rng.between(start - 300 * DAY, now - DAY));
    signup = Math.min(signup, Math.floor(firstOrder - rng.between(1 * MINUTE, 3 * DAY)));
    if (k === 0) signup = Math.min(signup, start - 30 * DAY);
    const since = sqlTime(signup);
    const id = customerId(k);
    writer.add(SEED_TABLES.users, [
      id,
      c.email,
      c.name,
      credentials.customerHash,
      'customer',
      since,
      since,
    ]);
    writer.add(SEED_TABLES.customers, [
      id,
      c.phone,
      c.line1,
      c.line2,
      c.city,
      c.region,
      c.postalCode,
      c.country,
      since,
      since,
    ]);
    // In steps of 500: one-by-one updates made the bar's ETA jump around.
    if ((k + 1) % 500 === 0 || k + 1 === ctx.customers.length) ctx.progress.advance((k % 500) + 1);
    if (writer.full) await writer.flush();
  }
}
