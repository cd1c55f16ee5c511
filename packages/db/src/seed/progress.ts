import cliProgress from 'cli-progress';

/**
 * Progress of a seed run: a bar on a terminal, a line every few seconds otherwise; both
 * end with how long each phase took. The seed gives each phase units in proportion to
 * its expected time (seed.ts), so the bar's percentage and ETA mean something.
 */
export interface SeedProgress {
  /** `total`: units of every phase, each item counted at its phase's weight. */
  start(total: number): void;
  /** Starts a phase whose items (orders, products, rows) are worth `weight` units each. */
  phase(name: string, weight?: number): void;
  /** `items` more of the current phase are done. */
  advance(items: number): void;
  stop(): void;
}

const silent: SeedProgress = { start() {}, phase() {}, advance() {}, stop() {} };

/** Times the phases: `planning 6.1 s, customers 0.2 s, …`. */
class PhaseClock {
  private readonly done: [string, number][] = [];
  private current: [string, number] | undefined;

  enter(name: string): void {
    this.leave();
    this.current = [name, Date.now()];
  }

  leave(): void {
    if (this.current) this.done.push([this.current[0], Date.now() - this.current[1]]);
    this.current = undefined;
  }

  summary(): string {
    this.leave();
    return this.done.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ');
  }
}

function bar(write: (line: string) => void): SeedProgress {
  const progress = new cliProgress.SingleBar(
    {
      format:
        'seed {phase} |{bar}| {percentage}% | {duration_formatted} elapsed | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const clock = new PhaseClock();
  let phase = '';
  let weight = 1;
  let running = false;
  return {
    start: (total) => {
      running = true;
      progress.start(total, 0, { phase: ''.padEnd(9) });
    },
    phase: (name, w = 1) => {
      clock.enter(name);
      phase = name.padEnd(9);
      weight = w;
      progress.update({ phase });
    },
    advance: (items) => progress.increment(items * weight, { phase }),
    stop: () => {
      if (!running) return;
      running = false;
      progress.update(progress.getTotal());
      progress.stop();
      write(`seed phases: ${clock.summary()}`);
    },
  };
}

function lines(write: (line: string) => void, everyMs = 5000): SeedProgress {
  const clock = new PhaseClock();
  let total = 1;
  let done = 0;
  let phase = '';
  let weight = 1;
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
    phase: (name, w = 1) => {
      clock.enter(name);
      phase = name;
      weight = w;
      report();
    },
    advance: (items) => {
      done = Math.min(total, done + items * weight);
      if (Date.now() - lastAt >= everyMs) report();
    },
    stop: () => {
      if (startedAt === 0) return;
      phase = 'done';
      done = total;
      report();
      write(`seed phases: ${clock.summary()}`);
      startedAt = 0;
    },
  };
}

export function createProgress(enabled: boolean): SeedProgress {
  if (!enabled) return silent;
  const write = (line: string) => process.stderr.write(`${line}\n`);
  if (process.stderr.isTTY) return bar(write);
  return lines(write);
}
