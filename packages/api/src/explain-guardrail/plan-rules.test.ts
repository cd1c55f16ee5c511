import { describe, expect, it } from 'vitest';
import {
  accessesOf,
  examinedProblems,
  largestLimitOf,
  type PlanRow,
  parseCall,
  planProblems,
  readsOfProcedure,
  splitTopLevel,
  tablesOf,
} from './plan-rules';

const row = (fields: Partial<PlanRow>): PlanRow => ({
  id: 1,
  select_type: 'SIMPLE',
  table: null,
  type: null,
  possible_keys: null,
  key: null,
  key_len: null,
  ref: null,
  rows: 1,
  Extra: null,
  ...fields,
});

describe('tablesOf', () => {
  it('maps the names EXPLAIN prints (alias or table) to the tables', () => {
    expect(
      tablesOf(
        'select `orders`.`id` from `orders` inner join `users` on `users`.`id` = `orders`.`customer_id`',
      ),
    ).toEqual(
      new Map([
        ['orders', 'orders'],
        ['users', 'users'],
      ]),
    );
    expect(
      tablesOf(
        'SELECT d.x FROM orders AS o JOIN order_details d ON d.order_id = o.id LEFT JOIN (SELECT 1) z ON 1 WHERE o.note = "from users u"',
      ),
    ).toEqual(
      new Map([
        ['o', 'orders'],
        ['d', 'order_details'],
      ]),
    );
    expect(tablesOf('SELECT 1 FROM orders FORCE INDEX (orders_time_idx) WHERE 1')).toEqual(
      new Map([['orders', 'orders']]),
    );
  });
});

describe('largestLimitOf', () => {
  it('reads the largest LIMIT, counting an offset, ignoring strings', () => {
    expect(largestLimitOf('select 1 from t limit 26')).toBe(26);
    expect(largestLimitOf('select 1 from t limit 50, 26')).toBe(76);
    expect(largestLimitOf('select 1 from t limit 26 offset 50')).toBe(76);
    expect(largestLimitOf('select (select 1 from u limit 1) from t limit 26')).toBe(26);
    expect(largestLimitOf('select 1 from (select 1 from u limit 50) x')).toBe(50);
    expect(largestLimitOf('select 1 from t')).toBeUndefined();
    expect(largestLimitOf("select 1 from t where a = 'limit 5'")).toBeUndefined();
  });
});

describe('planProblems', () => {
  const sql =
    'select 1 from `orders` inner join `users` on `users`.`id` = `orders`.`customer_id` limit 26';

  it("flags the unhinted orders list's plan: users scanned, every joined row sorted", () => {
    const problems = planProblems(sql, [
      row({ table: 'users', type: 'ALL', rows: 16492, Extra: 'Using temporary; Using filesort' }),
      row({ table: 'orders', type: 'ref', key: 'orders_customer_time_idx', rows: 26 }),
    ]);
    expect(problems.map((p) => p.why)).toEqual([
      'full table scan of users (type ALL, ~16492 rows)',
      'temporary and filesort on users (Using temporary; Using filesort)',
    ]);
  });

  it('passes an ordered index walk that stops at the LIMIT, and nothing more', () => {
    const walk = (rows: number) =>
      planProblems(sql, [
        row({ table: 'orders', type: 'index', key: 'orders_time_idx', rows }),
        row({ table: 'users', type: 'eq_ref', key: 'PRIMARY', rows: 1 }),
      ]);
    expect(walk(26)).toEqual([]);
    expect(walk(52)).toEqual([]);
    expect(walk(986020).map((p) => p.why)).toEqual([
      'full index scan of orders (type index, ~986020 rows, LIMIT 26)',
    ]);
    const noLimit = 'select count(*) from orders';
    expect(
      planProblems(noLimit, [row({ table: 'orders', type: 'index', rows: 20 })]).map((p) => p.why),
    ).toEqual(['full index scan of orders (type index, ~20 rows, no LIMIT)']);
  });

  it('reads MariaDB rowid filters and selectivities', () => {
    expect(
      planProblems(sql, [row({ table: 'orders', type: 'index|filter', rows: '900000 (10%)' })]).map(
        (p) => p.why,
      ),
    ).toEqual(['full index scan of orders (type index, ~900000 rows, LIMIT 26)']);
    expect(
      planProblems(sql, [row({ table: 'orders', type: 'ref|filter', rows: '26 (50%)' })]),
    ).toEqual([]);
  });

  it('leaves small tables and built temporary tables alone, but not an unknown name', () => {
    const withProducts =
      'SELECT 1 FROM (SELECT product_id FROM order_details d WHERE d.order_id = 1) x JOIN products p ON p.id = x.product_id';
    expect(
      planProblems(withProducts, [
        row({ table: '<derived2>', type: 'ALL', rows: 4, Extra: 'Using filesort' }),
        row({ table: 'p', type: 'ALL', rows: 300, Extra: 'Using temporary' }),
        row({ id: 2, select_type: 'DERIVED', table: 'd', type: 'ref', rows: 4 }),
        row({ table: null, Extra: 'Impossible WHERE' }),
      ]),
    ).toEqual([]);
    expect(
      planProblems(withProducts, [row({ table: 'q', type: 'ref', rows: 1 })]).map((p) => p.why),
    ).toEqual(['EXPLAIN names a table "q" that tablesOf() did not find in the SQL']);
  });

  it('flags the sort of a join noted on a small first table when a guarded table fans out', () => {
    const top =
      'SELECT p.id, SUM(d.quantity) AS units FROM products p JOIN order_details d ON d.product_id = p.id GROUP BY p.id ORDER BY units DESC LIMIT 10';
    expect(
      planProblems(top, [
        row({ table: 'p', type: 'ALL', rows: 300, Extra: 'Using temporary; Using filesort' }),
        row({ table: 'd', type: 'ref', key: 'order_details_product_idx', rows: 60 }),
      ]).map((p) => p.why),
    ).toEqual([
      'temporary and filesort on p, joined with order_details (ref): every joined row is sorted (Using temporary; Using filesort)',
    ]);
    // A page of ids, sorted, then one row of orders and users each: bounded.
    const page =
      'SELECT o.id, u.name FROM (SELECT id FROM orders ORDER BY created_at DESC LIMIT 26) x JOIN orders o ON o.id = x.id JOIN users u ON u.id = o.customer_id ORDER BY o.created_at DESC';
    expect(
      planProblems(page, [
        row({ table: '<derived2>', type: 'ALL', rows: 26, Extra: 'Using filesort' }),
        row({ table: 'o', type: 'eq_ref', key: 'PRIMARY', rows: 1 }),
        row({ table: 'u', type: 'eq_ref', key: 'PRIMARY', rows: 1 }),
        row({ id: 2, select_type: 'DERIVED', table: 'orders', type: 'index', rows: 26 }),
      ]),
    ).toEqual([]);
  });

  it('flags a filesort of a guarded table even when its access is by index', () => {
    expect(
      planProblems("select 1 from orders where status = 'paid' order by total_cents limit 26", [
        row({ table: 'orders', type: 'ref', rows: 500, Extra: 'Using where; Using filesort' }),
      ]).map((p) => p.why),
    ).toEqual(['filesort on orders (Using where; Using filesort)']);
  });
});

describe('stored procedures', () => {
  it('parses a CALL with quoted and nested arguments', () => {
    expect(
      parseCall("CALL sales_report('2026-01-01 00:00:00.000', '2026-02-01', 'day', 10)"),
    ).toEqual({
      name: 'sales_report',
      args: ["'2026-01-01 00:00:00.000'", " '2026-02-01'", " 'day'", ' 10'],
    });
    expect(parseCall('CALL `p`(CONCAT(1, 2), "a,b")')?.args).toEqual(['CONCAT(1, 2)', ' "a,b"']);
    expect(parseCall('SELECT 1')).toBeNull();
  });

  it('splits at top-level separators only', () => {
    expect(splitTopLevel("a; 'b;c'; (d; e) -- f; g\n; h", ';')).toEqual([
      'a',
      " 'b;c'",
      ' (d; e) -- f; g\n',
      ' h',
    ]);
  });

  it('finds the reads of a body, inside IF blocks too, with the arguments in place', () => {
    const body = `BEGIN
      IF p_top IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'p_top; is required';
      END IF;
      -- SELECT in a comment; not a read
      SELECT o.id FROM orders o WHERE o.created_at >= p_from AND o.p_from = 'p_from' LIMIT p_top;
      IF p_top > 5 THEN SELECT COUNT(*) INTO v_n FROM users; END IF;
      INSERT INTO t SELECT 1;
      WITH x AS (SELECT 1) SELECT * FROM x;
    END`;
    expect(readsOfProcedure(body, ['p_from', 'p_top'], ["'2026-01-01'", ' 10'])).toEqual([
      "SELECT o.id FROM orders o WHERE o.created_at >= '2026-01-01' AND o.p_from = 'p_from' LIMIT 10",
      'SELECT COUNT(*) FROM users',
      'WITH x AS (SELECT 1) SELECT * FROM x',
    ]);
  });
});

describe('examinedProblems', () => {
  // ANALYZE FORMAT=JSON of a customer search by LIKE on MariaDB 10.11, trimmed: the plan
  // said "index, 26 rows"; the walk read every customer and looked each one up.
  const analyze = {
    query_block: {
      select_id: 1,
      nested_loop: [
        { table: { table_name: 'customers', access_type: 'index', r_loops: 1, r_rows: 16667 } },
        {
          table: { table_name: 'users', access_type: 'eq_ref', r_loops: 16667, r_rows: 1 },
        },
      ],
      subqueries: [{ query_block: { table: { table_name: 'o', r_loops: 26, r_rows: 3.5 } } }],
    },
  };
  const sql =
    "select 1 from customers inner join users on users.id = customers.id where users.name like '%x%' and exists (select 1 from orders o where o.customer_id = customers.id) limit 26";
  const sizes = new Map([
    ['users', 16492],
    ['orders', 986020],
  ]);

  it('finds every table access, however nested', () => {
    expect(accessesOf(analyze)).toEqual([
      { table: 'customers', loops: 1, rows: 16667 },
      { table: 'users', loops: 16667, rows: 1 },
      { table: 'o', loops: 26, rows: 3.5 },
    ]);
  });

  it('flags a guarded table read mostly through, not a bounded read', () => {
    expect(examinedProblems(sql, accessesOf(analyze), sizes).map((p) => p.why)).toEqual([
      'read 16667 of the 16492 rows of users (counted by ANALYZE: 16667 × 1)',
    ]);
    // A small table read whole is no finding below EXAMINED_MIN_ROWS.
    expect(
      examinedProblems(sql, [{ table: 'users', loops: 1, rows: 150 }], new Map([['users', 160]])),
    ).toEqual([]);
  });
});
