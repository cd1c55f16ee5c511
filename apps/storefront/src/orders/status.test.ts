import { describe, expect, it } from 'vitest';
import { buildTimeline, cancelReasonText } from './status';

const created = new Date('2026-11-01T10:00:00Z');
const at = (minutes: number) => new Date(created.getTime() + minutes * 60_000);

describe('buildTimeline', () => {
  it('marks the steps reached as done, the status as current, the rest upcoming', () => {
    const steps = buildTimeline(
      'paid',
      [
        { to: 'pending', at: created, reason: null },
        { to: 'paid', at: at(1), reason: null },
      ],
      created,
    );
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['pending', 'done'],
      ['paid', 'current'],
      ['shipped', 'upcoming'],
      ['delivered', 'upcoming'],
    ]);
    expect(steps[1]?.at).toEqual(at(1));
    expect(steps[2]?.at).toBeNull();
  });

  it('adds the first parcel as a step only for an order shipped in several', () => {
    const events = [
      { to: 'pending' as const, at: created, reason: null },
      { to: 'paid' as const, at: at(1), reason: null },
      { to: 'partially_shipped' as const, at: at(60), reason: null },
    ];
    expect(
      buildTimeline('partially_shipped', events, created).map((s) => [s.status, s.state]),
    ).toEqual([
      ['pending', 'done'],
      ['paid', 'done'],
      ['partially_shipped', 'current'],
      ['shipped', 'upcoming'],
      ['delivered', 'upcoming'],
    ]);
    const whole = buildTimeline(
      'shipped',
      [...events.slice(0, 2), { to: 'shipped', at: at(9), reason: null }],
      created,
    );
    expect(whole.map((s) => s.status)).not.toContain('partially_shipped');
  });

  it('dates a fresh order from its creation when it has no events yet', () => {
    const [placed] = buildTimeline('pending', [], created);
    expect(placed).toMatchObject({ status: 'pending', state: 'current', at: created });
  });

  it('ends a cancelled order with the cancellation and its reason, after the steps reached', () => {
    const steps = buildTimeline(
      'cancelled',
      [
        { to: 'pending', at: created, reason: null },
        { to: 'paid', at: at(1), reason: null },
        { to: 'cancelled', at: at(5), reason: 'cancelled by customer' },
      ],
      created,
    );
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['pending', 'done'],
      ['paid', 'done'],
      ['cancelled', 'current'],
    ]);
    expect(steps[2]).toMatchObject({ at: at(5), note: 'You cancelled this order.' });
  });

  it('falls back to the order’s cancel reason when the live patch beat the timeline', () => {
    const steps = buildTimeline('cancelled', [], created, 'payment_failed');
    expect(steps.at(-1)?.note).toBe('The payment did not go through.');
  });
});

describe('cancelReasonText', () => {
  it('translates system reasons and keeps a person’s words', () => {
    expect(cancelReasonText('expired')).toBe('The order was not paid in time.');
    expect(cancelReasonText('customer asked by phone')).toBe('Customer asked by phone');
    expect(cancelReasonText(null)).toBe('This order was cancelled.');
  });
});
