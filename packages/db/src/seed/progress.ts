import cliProgress from 'cli-progress';

/** Progress of a seed run: a bar on a terminal, a line every few seconds otherwise. */
export interface SeedProgress {
  start(total: number): void;
  phase(name: string): void;
  advance(units: number): void;
  stop(): void;
}

const silent: SeedProgress = { start() {}, phase() {}, advance() {}, stop() {} };

function bar(): SeedProgress {
  const progress = new cliProgress.SingleBar(
    {
      format:
        'seed {phase} |{bar}| {percentage}% | {duration_formatted} elapsed | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  return {
    start: (total) => progress.start(total, 0, { phase: ''.padEnd(9) }),
    phase: (name) => {
      phase = name.padEnd(9);
      progress.update({ phase });
    },
    advance: (units) => progress.increment(units, { phase }),
    stop: () => progress.stop(),
  };
}

function lines(write: (line: string) => void, everyMs = 5000): SeedProgress {
  let total = 1;
  let done = 0;
  let phase = '';
  let startedAt = 0;
  let lastAt = 0;
  const report = () => {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
    write(`seed: ${phase} ${Math.floor((100 * done) / total)}% after ${seconds}s`);
    lastAt = Date.now();
  };
  return {
    start: (units) => {
      total = Math.max(1, units);
      startedAt = Date.now();
      lastAt = startedAt;
    },
    phase: (name) => {
      phase = name;
      report();
    },
    advance: (units) => {
      done += units;
      if (Date.now() - lastAt >= everyMs) report();
    },
    stop: () => {
      phase = 'done';
      report();
    },
  };
}

export function createProgress(enabled: boolean): SeedProgress {
  if (!enabled) return silent;
  if (process.stderr.isTTY) return bar();
  return lines((line) => process.stderr.write(`${line}\n`));
}
