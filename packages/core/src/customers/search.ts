import { type Database, schema } from '@stockpulse/db';
import { and, eq, like, or, type SQL, sql } from 'drizzle-orm';
import { booleanPrefixQuery, splitTerms } from '../db/fulltext';

const { users } = schema;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** `users` rows whose name or email has `term` anywhere (letters and digits only). */
const nameOrEmailContains = (term: string) =>
  or(like(users.name, `%${term}%`), like(users.email, `%${term}%`));

/** The condition for the words of `text`; null when it has no letters or digits. */
function wordsCondition(text: string): SQL | null {
  const { indexed, others } = splitTerms(text);
  if (indexed.length > 0) {
    const match = sql`MATCH (${users.name}, ${users.email}) AGAINST (${booleanPrefixQuery(indexed)} IN BOOLEAN MODE)`;
    return and(match, ...others.map(nameOrEmailContains)) ?? null;
  }
  const [first, ...rest] = others;
  if (first === undefined) return null;
  const prefix = `${escapeLike(first)}%`;
  return (
    and(
      or(like(users.name, prefix), like(users.email, prefix)),
      ...rest.map(nameOrEmailContains),
    ) ?? null
  );
}

/**
 * How a search box finds people (the customers list, the orders list): each word of the
 * text must start a word of the name or of the email (`smi` finds "Ana Smith" and
 * `ana.smith12@example.com`; `ana.smith12@exa` finds her too), through the FULLTEXT
 * index `users_search_ft (name, email)`. A text that is exactly an email is looked up on
 * the unique email index first.
 *
 * Words the FULLTEXT index cannot hold (under 3 letters, stopwords) narrow the words it
 * found as substrings; a text of such words only matches the start of the name or of the
 * email, through `users_name_idx` and `users_email_unique`. Every path reads an index:
 * no `LIKE '%…%'` runs over every user.
 *
 * Returns the `users` condition, or null when nobody can match (no letters or digits).
 * A text that is an email and names a user becomes `id = …`; an email that names nobody
 * is searched as words (`ana.smith@exa` while it is still being typed).
 */
export async function customerSearchCondition(db: Database, text: string): Promise<SQL | null> {
  if (text.includes('@') && !/\s/.test(text)) {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, text))
      .limit(1);
    if (row) return eq(users.id, row.id);
  }
  return wordsCondition(text);
}

/**
 * A search that matches at most this many people is answered from their ids (a range of
 * a primary key, or one index range per customer); a broader one walks the list's own
 * index and keeps the rows of matching people, which are then common enough that a page
 * is found after a few pages' worth of rows.
 */
export const FEW_MATCHES = 100;

/** The ids of the users `matches` selects, or null when there are more than `limit`. */
export async function fewMatchingUsers(
  db: Database,
  matches: SQL,
  limit = FEW_MATCHES,
): Promise<number[] | null> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(matches)
    .limit(limit + 1);
  return rows.length > limit ? null : rows.map((row) => row.id);
}

/**
 * The users `matches` selects as a derived table `matched (user_id)`, for a walk of
 * another table's index to look its rows up in. DISTINCT keeps it from being merged into
 * the join: built once and read by key, rather than a FULLTEXT match run for every row.
 */
export const matchedUsers = (matches: SQL) =>
  sql`(SELECT DISTINCT ${users.id} AS user_id FROM ${users} WHERE ${matches}) AS matched`;
