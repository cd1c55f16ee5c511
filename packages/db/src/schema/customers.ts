import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { ref, timestamps } from './columns';
import { users } from './users';

/**
 * The customer profile. It shares its id with its user row (one person, one id), so
 * `customer:{id}` rooms and `orders.customer_id` need no lookup. The email, the login,
 * lives once, on `users`.
 */
export const customers = mysqlTable('customers', {
  id: ref()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  phone: varchar({ length: 32 }),
  addressLine1: varchar({ length: 120 }),
  addressLine2: varchar({ length: 120 }),
  city: varchar({ length: 80 }),
  region: varchar({ length: 80 }),
  postalCode: varchar({ length: 20 }),
  country: varchar({ length: 2 }),
  ...timestamps,
});
