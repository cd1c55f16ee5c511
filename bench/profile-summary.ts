/**
 * Where a V8 CPU profile's busy time went, by package and by function (inclusive: a
 * function's own time and everything it called), e.g. the server's profile written by
 * `npm run bench -- --quick --profile-server`:
 *
 *   node --import tsx bench/profile-summary.ts bench/results/profiles/<run>/*.cpuprofile [top]
 *
 * Idle time is left out. So is the time sampled inside socket writes (`writeBuffer`,
 * `writev`, `writeUtf8String`): V8's profiler samples wall-clock time, and on two busy cores
 * the writer is often preempted inside the write by the process it just woke, so those
 * frames show scheduling, not CPU (the server's user/system split in /proc says writes
 * are under a fifth of its CPU). Their share is printed on its own line.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg = '40'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node.id);

const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const IDLE = new Set(['(idle)', '(program)']);
const WRITES = new Set(['writeBuffer', 'writev', 'writeUtf8String']);

/** `node_modules/<package>`, `node:<module>`, or the file name of our own bundle. */
function origin(url: string): string {
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  return url ? (url.split('/').pop() ?? url) : '(native)';
}

let busy = 0;
let writes = 0;
const inclusive = new Map<string, number>();
const packages = new Map<string, number>();
const ownTime = new Map<string, number>();
for (const [id, time] of selfTime) {
  const name = byId.get(id)!.callFrame.functionName;
  if (IDLE.has(name)) continue;
  if (WRITES.has(name)) {
    writes += time;
    continue;
  }
  busy += time;
  const own = origin(byId.get(id)!.callFrame.url);
  ownTime.set(own, (ownTime.get(own) ?? 0) + time);
  const seenFunctions = new Set<string>();
  const seenPackages = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at)!.callFrame;
    const where = origin(frame.url);
    const key = `${frame.functionName || '(anonymous)'}  ${where}`;
    if (!seenFunctions.has(key)) {
      seenFunctions.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + time);
    }
    if (frame.url && !seenPackages.has(where)) {
      seenPackages.add(where);
      packages.set(where, (packages.get(where) ?? 0) + time);
    }
  }
}

const percent = (time: number) => `${((100 * time) / busy).toFixed(1).padStart(5)} %`;
const print = (title: string, rows: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, time] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${percent(time)}  ${key}`);
  }
};
console.log(
  `${file}\nbusy ${(busy / 1e3).toFixed(0)} ms (100 %), plus ${(writes / 1e3).toFixed(0)} ms sampled in socket writes (${percent(writes).trim()} of busy, left out)`,
);
const gc = [...selfTime].filter(
  ([id]) => byId.get(id)!.callFrame.functionName === '(garbage collector)',
);
console.log(`garbage collection: ${percent(gc.reduce((sum, [, time]) => sum + time, 0)).trim()}`);
print('by package or module, own time (where the CPU is spent)', ownTime);
print('by package or module, inclusive (what it spent and everything it called)', packages);
print('by function (inclusive)', inclusive);
