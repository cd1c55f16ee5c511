/** What the calls' inputs are made of, read from a shop (untimed, before the calls). */
import mysql, { type RowDataPacket } from 'mysql2/promise';
import type { ShopFacts } from './calls';

export async function readShopFacts(url: string, historyEnd: Date): Promise<ShopFacts> {
  const connection = await mysql.createConnection({ uri: url, timezone: 'Z' });
  const one = async (sql: string) => {
    const [rows] = await connection.query<RowDataPacket[]>(sql);
    if (!rows[0]) throw new Error(`no row for ${sql}`);
    return rows[0];
  };
  try {
    const busiest = await one(
      `SELECT o.customer_id AS id, COUNT(*) AS n FROM orders o
        GROUP BY o.customer_id ORDER BY n DESC, o.customer_id LIMIT 1`,
    );
    const user = await one(`SELECT email, name FROM users WHERE id = ${Number(busiest.id)}`);
    const last = await one('SELECT MAX(id) AS id FROM orders');
    const best = await one(
      `SELECT product_id AS id FROM product_sales_rollup WHERE grain = 'month'
        GROUP BY product_id ORDER BY SUM(units) DESC, product_id LIMIT 1`,
    );
    const product = await one(`SELECT name, category FROM products WHERE id = ${Number(best.id)}`);
    const name = String(user.name);
    return {
      busiest: {
        id: Number(busiest.id),
        email: String(user.email),
        surname: name.split(' ').at(-1)!,
        orders: Number(busiest.n),
      },
      // Ids are 1..n without gaps in a seeded shop: the middle one.
      orderId: Math.max(1, Math.floor(Number(last.id) / 2)),
      productId: Number(best.id),
      // The product's last word: its noun ("Mug", "Blanket"), shared by many products.
      word: String(product.name).split(' ').at(-1)!.toLowerCase(),
      category: String(product.category),
      historyEnd,
    };
  } finally {
    await connection.end();
  }
}
