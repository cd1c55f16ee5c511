/**
 * The CSV exports timed on the reference shop (DESIGN §10, §11): products, inventory and a
 * month of orders, each streamed to the end through core's export (the same stream the
 * server pipes to the download), rows and bytes counted, with the time to the first byte
 * and to the end. The shop is the one `npm run bench -- --scale` builds
 * (`stockpulse_bench_scale_ref`, 100k products / 1M orders); run that first.
 *
 *   node --import tsx bench/exports/run.ts [databaseUrl]
 *
 * Writes bench/results/exports-<date>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { exportInventoryCsv, exportOrdersCsv, exportProductsCsv } from '@stockpulse/core';
import { connect } from '@stockpulse/db';

const url = process.argv[2] ?? 'mysql://root@127.0.0.1:3306/stockpulse_bench_scale_ref';
const handle = connect(url, { connectionLimit: 4 });

interface Timing {
  name: string;
  rows: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
}

async function drain(name: string, open: () => Promise<Readable>): Promise<Timing> {
  const started = performance.now();
  const stream = await open();
  let first = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (first === 0) first = performance.now() - started;
    bytes += Buffer.byteLength(text);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  }
  return { name, rows: lines - 1, bytes, firstByteMs: first, totalMs: performance.now() - started };
}

const [[latest]] = (await handle.pool.query(
  'SELECT MAX(created_at) AS at FROM orders',
)) as unknown as [{ at: Date }[]];
const end = new Date(latest!.at.getTime() + 1);
const start = new Date(end.getTime() - 30 * 86_400_000);

const timings: Timing[] = [];
timings.push(await drain('products.csv', () => exportProductsCsv(handle.db) as Promise<Readable>));
timings.push(
  await drain('inventory.csv', () => exportInventoryCsv(handle.db) as Promise<Readable>),
);
timings.push(
  await drain(
    'orders.csv (last 30 days)',
    () => exportOrdersCsv(handle.db, { start, end }) as Promise<Readable>,
  ),
);
await handle.close();

const lines = [
  `# CSV exports on the reference shop, ${new Date().toISOString()}`,
  '',
  `${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' / ',
    )}; database ${url.replace(/\/\/[^@]*@/, '//')}; each export streamed to the end through core (what the server pipes to the download), one run each.`,
  '',
  '| export | rows | MB | first byte ms | total s | rows/s |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...timings.map(
    (t) =>
      `| ${t.name} | ${t.rows} | ${(t.bytes / 1e6).toFixed(1)} | ${t.firstByteMs.toFixed(0)} | ${(t.totalMs / 1000).toFixed(1)} | ${Math.round(t.rows / (t.totalMs / 1000))} |`,
  ),
  '',
];
const dir = join(import.meta.dirname, '..', 'results');
mkdirSync(dir, { recursive: true });
const file = join(
  dir,
  `exports-${new Date().toISOString().replaceAll(':', '-').replaceAll('.', '-')}.md`,
);
writeFileSync(file, lines.join('\n'));
console.log(lines.join('\n'));
console.log(`written to ${file}`);
