import { type Database, schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import { listCustomerOrders } from '../orders/queries';
import { profileColumns } from './list';
import { NO_ORDERS, statsOf } from './stats';

const { users, customers } = schema;

/** A customer's profile, lifetime value and most recent orders; NOT_FOUND for anyone else. */
export async function getCustomer(
  db: Database,
  id: number,
  options: { recentOrders?: number } = {},
) {
  const [row] = await db
    .select({
      ...profileColumns,
      addressLine1: customers.addressLine1,
      addressLine2: customers.addressLine2,
      city: customers.city,
      region: customers.region,
      postalCode: customers.postalCode,
      country: customers.country,
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.id))
    .where(eq(customers.id, id));
  if (!row) throw new DomainError('NOT_FOUND', `Customer ${id} not found`);
  const [stats, recent] = await Promise.all([
    statsOf(db, [id]),
    listCustomerOrders(db, { customerId: id, limit: options.recentOrders ?? 10 }),
  ]);
  const { addressLine1, addressLine2, city, region, postalCode, country, ...profile } = row;
  const address =
    addressLine1 && city && postalCode && country
      ? { line1: addressLine1, line2: addressLine2, city, region, postalCode, country }
      : null;
  return {
    ...profile,
    address,
    ...(stats.get(id) ?? NO_ORDERS),
    recentOrders: recent.items,
  };
}
