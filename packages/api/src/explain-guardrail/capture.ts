// Test-only (the EXPLAIN guardrail): records the SQL that procedures really send, then
// EXPLAINs it. The recording listens on mysql2's diagnostics channels (`mysql2:query`,
// `mysql2:execute`), which every pool and connection of the process publishes to, so
// drizzle's queries, hand-written SQL and CALLs are all seen without wrapping anything.

import { tracingChannel } from 'node:diagnostics_channel';
import type { DatabaseHandle } from '@stockpulse/db';
import {
  accessesOf,
  type ExaminedProblem,
  examinedProblems,
  GUARDED_TABLES,
  isRead,
  type PlanProblem,
  type PlanRow,
  parseCall,
  planProblems,
  readsOfProcedure,
  tablesOf,
} from './plan-rules';

type Pool = DatabaseHandle['pool'];

/** One statement as sent: `sql` is what the server received when `values` is absent. */
export interface Statement {
  sql: string;
  /** Bind values of an `execute` (server-side prepared); `query` arrives formatted. */
  values?: unknown[];
}

interface TraceContext {
  query: string;
  values: unknown;
  database: string;
}

/**
 * Records every statement this process sends to `database` while `during(work)` runs:
 * from any pool or connection, whether or not `work` awaits it. Statements to other
 * databases, and those sent outside `during` (the EXPLAINs), are not recorded.
 */
export class StatementRecorder {
  private statements: Statement[] = [];
  private recording = false;
  private readonly onQuery = (message: unknown) => {
    const context = message as TraceContext;
    if (!this.recording || context.database !== this.database) return;
    this.statements.push({ sql: context.query });
  };
  private readonly onExecute = (message: unknown) => {
    const context = message as TraceContext;
    if (!this.recording || context.database !== this.database) return;
    const values = Array.isArray(context.values) ? context.values : undefined;
    this.statements.push(values ? { sql: context.query, values } : { sql: context.query });
  };
  private readonly query = tracingChannel('mysql2:query');
  private readonly execute = tracingChannel('mysql2:execute');

  constructor(private readonly database: string) {
    this.query.start.subscribe(this.onQuery);
    this.execute.start.subscribe(this.onExecute);
  }

  /** Runs `work`, returning what it resolved to and the statements it sent meanwhile. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
    this.statements = [];
    this.recording = true;
    try {
      const result = await work();
      return { result, statements: this.statements };
    } finally {
      this.recording = false;
    }
  }

  close(): void {
    this.query.start.unsubscribe(this.onQuery);
    this.execute.start.unsubscribe(this.onExecute);
  }
}

/** One read as EXPLAINed: its plan and what is wrong with it, or why it could not be. */
export interface ExplainedRead {
  sql: string;
  /** `CALL name(…)` when the read is a statement of that stored procedure. */
  via?: string;
  plan: PlanRow[];
  problems: PlanProblem[];
  /** Guarded tables it read too much of, as ANALYZE counted (MariaDB; empty elsewhere). */
  examined: ExaminedProblem[];
  /** The server refused to EXPLAIN it: always reported, never skipped. */
  error?: string;
  /** The tables it names after FROM/JOIN (real names). */
  tables: string[];
}

async function rowsOf<T>(pool: Pool, sql: string, values?: unknown[]): Promise<T[]> {
  const [rows] = await pool.query(sql, values);
  return rows as unknown as T[];
}

/** A stored procedure's parameter names (in order) and body, from information_schema. */
async function procedureOf(pool: Pool, name: string) {
  const [routine] = await rowsOf<{ body: string | null }>(
    pool,
    `SELECT ROUTINE_DEFINITION AS body FROM information_schema.ROUTINES
     WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = ? AND ROUTINE_TYPE = 'PROCEDURE'`,
    [name],
  );
  const params = await rowsOf<{ name: string }>(
    pool,
    `SELECT PARAMETER_NAME AS name FROM information_schema.PARAMETERS
     WHERE SPECIFIC_SCHEMA = DATABASE() AND SPECIFIC_NAME = ? AND ORDINAL_POSITION > 0
     ORDER BY ORDINAL_POSITION`,
    [name],
  );
  return routine?.body ? { body: routine.body, params: params.map((p) => p.name) } : null;
}

/** What the database behind `pool` offers the checks: ANALYZE, and the guarded tables' sizes. */
interface Server {
  /** MariaDB's `ANALYZE FORMAT=JSON`, which runs the statement and counts rows read. */
  analyze: boolean;
  sizes: Map<string, number>;
}

const servers = new WeakMap<Pool, Promise<Server>>();

function serverOf(pool: Pool): Promise<Server> {
  let server = servers.get(pool);
  if (!server) {
    server = (async () => {
      const [{ version }] = (await rowsOf<{ version: string }>(
        pool,
        'SELECT VERSION() AS version',
      )) as [{ version: string }];
      const sizes = new Map<string, number>();
      for (const table of GUARDED_TABLES) {
        const [{ n }] = (await rowsOf<{ n: number }>(
          pool,
          `SELECT COUNT(*) AS n FROM \`${table}\``,
        )) as [{ n: number }];
        sizes.set(table, Number(n));
      }
      return { analyze: /mariadb/i.test(version), sizes };
    })();
    servers.set(pool, server);
  }
  return server;
}

async function explainOne(pool: Pool, sql: string, values?: unknown[]): Promise<ExplainedRead> {
  const tables = [...new Set(tablesOf(sql).values())];
  const server = await serverOf(pool);
  // Judge the text the server planned (values bound), so LIMIT ? counts as its number.
  const text = values ? pool.format(sql, values) : sql;
  try {
    const plan = await rowsOf<PlanRow>(pool, `EXPLAIN ${text}`);
    let examined: ExaminedProblem[] = [];
    if (server.analyze) {
      const [row] = await rowsOf<Record<string, string>>(pool, `ANALYZE FORMAT=JSON ${text}`);
      const document = JSON.parse(Object.values(row ?? {})[0] ?? '{}') as unknown;
      examined = examinedProblems(text, accessesOf(document), server.sizes);
    }
    return { sql: text, plan, problems: planProblems(text, plan), examined, tables };
  } catch (error) {
    return {
      sql: text,
      plan: [],
      problems: [],
      examined: [],
      tables,
      error: (error as Error).message,
    };
  }
}

/**
 * EXPLAINs every read among `statements`, on `pool` (a connection to the same database).
 * A `CALL` is opened up: each read of the procedure's body is EXPLAINed with the call's
 * arguments in place of the parameters. Writes and session statements are left out.
 */
export async function explainReads(pool: Pool, statements: Statement[]): Promise<ExplainedRead[]> {
  const explained: ExplainedRead[] = [];
  for (const statement of statements) {
    const call = parseCall(
      statement.values ? pool.format(statement.sql, statement.values) : statement.sql,
    );
    if (call) {
      const procedure = await procedureOf(pool, call.name);
      const via = `CALL ${call.name}(${call.args.map((a) => a.trim()).join(', ')})`;
      if (!procedure) {
        explained.push({
          sql: via,
          via,
          plan: [],
          problems: [],
          examined: [],
          tables: [],
          error: 'no such procedure',
        });
        continue;
      }
      for (const read of readsOfProcedure(procedure.body, procedure.params, call.args)) {
        explained.push({ ...(await explainOne(pool, read)), via });
      }
    } else if (isRead(statement.sql)) {
      explained.push(await explainOne(pool, statement.sql, statement.values));
    }
  }
  return explained;
}

/** A plan row as one line, the columns a developer reads first. */
export function formatPlanRow(row: PlanRow): string {
  return [
    `id=${row.id}`,
    `select_type=${row.select_type}`,
    `table=${row.table}`,
    `type=${row.type}`,
    `key=${row.key}`,
    `ref=${row.ref}`,
    `rows=${row.rows}`,
    `Extra=${row.Extra ?? ''}`,
  ].join(' ');
}
