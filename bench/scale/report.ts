/**
 * The results of `npm run bench -- --scale`: bench/results/scale-<date>.json (every sample)
 * and .md (the table), and the table printed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@stockpulse/devstack';
import { markdownTable, resultStamp, round } from '../stats';
import { LIST_TARGET, type Target } from './calls';
import type { CallTiming } from './measure';
import type { Shop } from './shops';

export interface ScaleRow {
  call: string;
  target: Target;
  small: CallTiming;
  ref: CallTiming;
}

const seconds = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/** `< 100 ms, ≤ 2×`. */
export const targetText = (t: Target) =>
  `< ${seconds(t.ms)}${t.ratio === null ? '' : `, ≤ ${t.ratio}×`}`;

export interface ScaleResult {
  at: string;
  machine: { cpus: number; cpu: string | undefined; memGiB: number; node: string; load: number[] };
  elapsedS: number;
  samples: number;
  shops: { small: Omit<Shop, 'url'>; ref: Omit<Shop, 'url'> };
  rows: ScaleRow[];
  errors: string[];
}

export function ratioOf(row: ScaleRow): number | null {
  const { small, ref } = row;
  return small.ms !== null && ref.ms !== null && small.ms > 0 ? round(ref.ms / small.ms, 2) : null;
}

export function verdictOf(row: ScaleRow): string {
  const ratio = ratioOf(row);
  const { ms, ratio: most } = row.target;
  if (row.ref.ms === null || ratio === null) return 'not measured';
  const slow = row.ref.ms >= ms;
  const grows = most !== null && ratio > most;
  if (!slow && !grows) return '**met**';
  const why = [slow ? `≥ ${seconds(ms)}` : '', grows ? `> ${most}×` : ''];
  return `**NOT met** (${why.filter(Boolean).join(', ')})`;
}

function shopLine(name: string, shop: Omit<Shop, 'url'>): string {
  const built = shop.reused
    ? `reused (seeded ${shop.builtAt} in ${round(shop.seedMs / 1000, 1)} s${shop.migratedForward > 0 ? `; ${shop.migratedForward} newer migration(s) applied now` : ''})`
    : `built by this run: seeded in **${round(shop.seedMs / 1000, 1)} s**`;
  return `- ${name}: \`${shop.database}\`, \`npm run db:seed -- --products ${shop.products} --orders ${shop.orders}\`, ${built}; history ends ${shop.historyEnd.toISOString()}.`;
}

export function toMarkdown(r: ScaleResult): string {
  const note = (row: ScaleRow) =>
    [
      targetText(row.target) === targetText(LIST_TARGET) ? '' : `target ${targetText(row.target)}`,
      ...[row.small, row.ref].map((t, i) => {
        const what = t.error ?? t.note;
        return what ? `${i === 0 ? '10k' : 'ref'}: ${what}` : '';
      }),
    ]
      .filter(Boolean)
      .join('; ');
  const met = r.rows.filter((row) => verdictOf(row) === '**met**').length;
  const out = [
    `# Stockpulse at size (\`npm run bench -- --scale\`), ${r.at}`,
    '',
    `${r.machine.cpus} CPUs (${r.machine.cpu ?? '?'}), ${r.machine.memGiB} GiB, Node ${r.machine.node}, load average at start ${r.machine.load.map((l) => round(l, 2)).join(' / ')}; ${r.elapsedS} s. The built server (NODE_ENV=production) on each shop, the real tRPC client over loopback HTTP, signed in through \`auth.login\` as the admin and as the customer with the most orders. Each call: one warm-up per shop, then the median of ${r.samples} calls, the two shops alternating.`,
    '',
    shopLine('10k shop', r.shops.small),
    shopLine('reference shop', r.shops.ref),
    '',
    markdownTable(
      [
        'call',
        '10k shop ms',
        'reference shop ms',
        'ratio',
        `verdict (${targetText(LIST_TARGET)} unless noted)`,
        'note',
      ],
      r.rows.map((row) => [
        row.call,
        row.small.ms,
        row.ref.ms,
        ratioOf(row),
        verdictOf(row),
        note(row) || null,
      ]),
    ),
    '',
    `${met} of ${r.rows.length} calls meet the figure.`,
    '',
  ];
  if (r.errors.length > 0) out.push('## Errors', '', ...r.errors.map((e) => `- ${e}`), '');
  return out.join('\n');
}

/** Writes the JSON and Markdown; returns the Markdown and the paths (relative to the repository). */
export function writeScaleResults(result: ScaleResult, startedAt: Date) {
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = `scale-${resultStamp(startedAt)}`;
  const md = toMarkdown(result);
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, `${stamp}.md`), md);
  return { md, files: [`bench/results/${stamp}.json`, `bench/results/${stamp}.md`] };
}
