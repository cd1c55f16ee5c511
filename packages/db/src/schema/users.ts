import { USER_ROLES } from '@stockpulse/shared';
import { char, index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamps, utcTime } from './columns';

/** Credentials and role: who may sign in, and as what. */
export const users = mysqlTable(
  'users',
  {
    id: id(),
    email: varchar({ length: 254 }).notNull().unique(),
    name: varchar({ length: 100 }).notNull(),
    passwordHash: varchar({ length: 255 }).notNull(),
    role: mysqlEnum(USER_ROLES).notNull().default('customer'),
    ...timestamps,
  },
  (t) => [
    // The admin's customer search (core/customers/search.ts): words through the FULLTEXT
    // index `users_search_ft (name, email)`, added by migration 0005 by hand (drizzle-kit
    // has no FULLTEXT index for MySQL); a word too short for it, by the start of the name.
    index('users_name_idx').on(t.name),
  ],
);

/**
 * Server-side sessions. The cookie carries an opaque random token; only its SHA-256
 * is stored, so a leaked table does not leak usable sessions.
 */
export const sessions = mysqlTable(
  'sessions',
  {
    tokenHash: char({ length: 64 }).primaryKey(),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: createdAt(),
    expiresAt: utcTime().notNull(),
    ip: varchar({ length: 45 }),
    userAgent: varchar({ length: 255 }),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
