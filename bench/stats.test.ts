import { describe, expect, it } from 'vitest';
import {
  backlogBounded,
  countStatementKinds,
  cpuSecondsFromStat,
  dueAt,
  formatKinds,
  markdownTable,
  median,
  openLoopCount,
  percentile,
  ratioText,
  resultStamp,
  statementKind,
  statusMiB,
} from './stats';

describe('percentile (nearest rank)', () => {
  it('picks a measured value', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 0)).toBe(15);
  });

  it('does not sort its input in place, and is NaN on nothing', () => {
    const values = [3, 1, 2];
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
    expect(percentile([], 99)).toBeNaN();
  });

  it('p99 of 100 values is the 99th', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(median(values)).toBe(50);
  });
});

describe('open-loop pacing', () => {
  it('spaces requests evenly from the start', () => {
    expect(dueAt(1_000, 0, 200)).toBe(1_000);
    expect(dueAt(1_000, 1, 200)).toBe(1_005);
    expect(dueAt(1_000, 200, 200)).toBe(2_000);
    expect(() => dueAt(0, 1, 0)).toThrow();
  });

  it('bounds the count', () => {
    expect(openLoopCount(150, 10, 10_000)).toBe(1_500);
    expect(openLoopCount(150, 10, 1_000)).toBe(1_000);
    expect(openLoopCount(2.5, 3, 100)).toBe(7);
  });
});

describe('statements', () => {
  it('classifies by the first keyword', () => {
    expect(statementKind('  select `id` from `orders`')).toBe('SELECT');
    expect(statementKind('begin')).toBe('BEGIN');
    expect(statementKind('START TRANSACTION')).toBe('BEGIN');
    expect(statementKind('/* x */ UPDATE inventory SET …')).toBe('UPDATE');
    expect(statementKind('(select 1) union (select 2)')).toBe('SELECT');
    expect(statementKind('')).toBe('OTHER');
  });

  it('counts and formats kinds in first-seen order', () => {
    const counts = countStatementKinds(['select 1', 'begin', 'insert x', 'insert y', 'commit']);
    expect(counts).toEqual({ SELECT: 1, BEGIN: 1, INSERT: 2, COMMIT: 1 });
    expect(formatKinds(counts)).toBe('1 SELECT · 1 BEGIN · 2 INSERT · 1 COMMIT');
  });
});

describe('/proc parsing', () => {
  it('reads utime + stime past a command name with spaces', () => {
    const stat =
      '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11 0 1 1 1';
    expect(cpuSecondsFromStat(stat)).toBe(3);
    expect(() => cpuSecondsFromStat('nonsense')).toThrow();
  });

  it('reads kB fields of status as MiB', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(statusMiB(status, 'VmRSS')).toBe(100);
    expect(statusMiB(status, 'VmHWM')).toBe(200);
    expect(statusMiB(status, 'VmSwap')).toBeNaN();
  });
});

describe('backlog', () => {
  it('accepts a steady backlog and rejects a growing one', () => {
    expect(backlogBounded([5, 20, 30, 25, 28, 31, 27, 30], 10)).toBe(true);
    expect(backlogBounded([10, 50, 100, 150, 200, 250, 300, 350], 10)).toBe(false);
    expect(backlogBounded([3], 0)).toBe(true);
  });
});

describe('formatting', () => {
  it('writes a Markdown table with numeric columns right-aligned', () => {
    expect(
      markdownTable(
        ['what', 'n'],
        [
          ['a|b', 1],
          ['c', Number.NaN],
        ],
      ),
    ).toBe('| what | n |\n| --- | ---: |\n| a\\|b | 1 |\n| c | – |');
    expect(
      markdownTable(
        ['x', 'y'],
        [
          [1, 'a'],
          [null, 2],
        ],
      ),
    ).toBe('| x | y |\n| ---: | --- |\n| 1 | a |\n| – | 2 |');
  });

  it('writes ratios and file stamps', () => {
    expect(ratioText(73, 100)).toBe('0.73×');
    expect(ratioText(1, 0)).toBe('–');
    expect(ratioText(Number.NaN, 3)).toBe('–');
    expect(resultStamp(new Date('2026-11-24T23:15:00.000Z'))).toBe('2026-11-24T23-15-00-000Z');
  });
});
