import { describe, expect, it } from 'vitest';
import { type Segment, segmentsOf, startOf } from './buckets';

const t = (text: string) => new Date(`${text}Z`);
const show = (segments: Segment[]) =>
  segments.map((s) =>
    s.kind === 'raw'
      ? `raw ${s.from.toISOString().slice(0, 16)}–${s.to.toISOString().slice(11, 16)}`
      : `${s.grain} ${s.start.toISOString().slice(0, 13)}`,
  );

describe('segmentsOf', () => {
  it('cuts a range into the coarsest whole buckets, raw slices only off the hour', () => {
    // A local day in UTC+5:30: 18:30 the day before to 18:30.
    expect(show(segmentsOf(t('2026-03-01T18:30'), t('2026-03-02T18:30')))).toEqual([
      'raw 2026-03-01T18:30–19:00',
      ...[19, 20, 21, 22, 23].map((h) => `hour 2026-03-01T${h}`),
      ...Array.from({ length: 18 }, (_, h) => `hour 2026-03-02T${String(h).padStart(2, '0')}`),
      'raw 2026-03-02T18:00–18:30',
    ]);
  });

  it('uses whole months and days where they fit', () => {
    const segments = segmentsOf(t('2026-01-30T22:00'), t('2026-04-02T01:00'));
    expect(show(segments)).toEqual([
      'hour 2026-01-30T22',
      'hour 2026-01-30T23',
      'day 2026-01-31T00',
      'month 2026-02-01T00',
      'month 2026-03-01T00',
      'day 2026-04-01T00',
      'hour 2026-04-02T00',
    ]);
  });

  it('covers the range exactly, without gaps or overlaps, for any grains', () => {
    const from = t('2025-12-31T23:17:05');
    const to = t('2026-02-03T04:59:59.500');
    for (const grains of [['hour'], ['day', 'hour'], ['month', 'day', 'hour']] as const) {
      let at = from.getTime();
      for (const s of segmentsOf(from, to, grains)) {
        const start = s.kind === 'raw' ? s.from : s.start;
        expect(start.getTime()).toBe(at);
        if (s.kind === 'bucket') expect(grains).toContain(s.grain);
        at =
          s.kind === 'raw'
            ? s.to.getTime()
            : s.grain === 'month'
              ? Date.UTC(s.start.getUTCFullYear(), s.start.getUTCMonth() + 1, 1)
              : s.start.getTime() + (s.grain === 'day' ? 86_400_000 : 3_600_000);
      }
      expect(at).toBe(to.getTime());
    }
  });

  it('bounds two years by day at a few dozen buckets', () => {
    const segments = segmentsOf(t('2024-12-01T05:00'), t('2026-12-01T05:00'));
    expect(segments.length).toBeLessThan(24 + 62 + 46 + 2);
  });
});

describe('startOf', () => {
  it('floors to the UTC hour, day and month', () => {
    const at = t('2026-07-15T13:45:12.345');
    expect(startOf('hour', at)).toEqual(t('2026-07-15T13:00'));
    expect(startOf('day', at)).toEqual(t('2026-07-15T00:00'));
    expect(startOf('month', at)).toEqual(t('2026-07-01T00:00'));
  });
});
