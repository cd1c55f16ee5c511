import { sql } from 'drizzle-orm';
import { bigint, datetime } from 'drizzle-orm/mysql-core';

/** Every id is an unsigned BIGINT; `mode: 'number'` is safe up to 2^53. */
export const id = () => bigint({ mode: 'number', unsigned: true }).autoincrement().primaryKey();
export const ref = () => bigint({ mode: 'number', unsigned: true });

/** Times are DATETIME(3) in UTC: the connection pins time_zone to +00:00. */
export const utcTime = () => datetime({ mode: 'date', fsp: 3 });
export const createdAt = () => utcTime().notNull().default(sql`CURRENT_TIMESTAMP(3)`);

export const timestamps = {
  createdAt: createdAt(),
  updatedAt: utcTime()
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date()),
};
