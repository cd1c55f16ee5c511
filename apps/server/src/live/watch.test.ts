import { describe, expect, it } from 'vitest';
import { planWatch, splitArgs } from './watch';

describe('watch planning', () => {
  it('accepts a bounded list of positive safe integers, ignoring repeats', () => {
    expect(planWatch(new Set([1]), [1, 2, 2, 3], true)).toEqual({ ok: true, ids: [2, 3] });
    expect(planWatch(new Set([1, 2]), [2, 5], false)).toEqual({ ok: true, ids: [2] });
    expect(planWatch(new Set(), [], true)).toEqual({ ok: true, ids: [] });
  });

  it.each([
    ['abc', /array/],
    [null, /array/],
    [{ productIds: [1] }, /array/],
    [[1, 'x'], /numbers.*index 1/],
    [[0], /positive/],
    [[1.5], /integers/],
    [[2 ** 60], /safe/],
    [Array.from({ length: 201 }, (_, i) => i + 1), /at most 200/],
  ])('refuses %j naming the problem', (input, error) => {
    const plan = planWatch(new Set(), input, true);
    expect(plan.ok).toBe(false);
    expect(plan.ok ? '' : plan.error).toMatch(error);
  });

  it('refuses, whole, a watch that would pass 1,000 per socket', () => {
    const watching = new Set(Array.from({ length: 900 }, (_, i) => i + 1));
    const more = Array.from({ length: 101 }, (_, i) => 10_000 + i);
    expect(planWatch(watching, more, true)).toMatchObject({ ok: false, error: /at most 1000/ });
    expect(planWatch(watching, more.slice(1), true)).toMatchObject({ ok: true });
  });

  it('finds the ack at the end, whatever came before', () => {
    const ack = () => {};
    expect(splitArgs([[1], ack])).toEqual({ input: [1], ack });
    expect(splitArgs([ack])).toEqual({ input: undefined, ack });
    expect(splitArgs([[1]])).toEqual({ input: [1], ack: undefined });
    expect(splitArgs([])).toEqual({ input: undefined, ack: undefined });
  });
});
