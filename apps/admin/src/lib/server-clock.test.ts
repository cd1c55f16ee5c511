import { describe, expect, it } from 'vitest';
import { createServerClock } from './server-clock';

const SERVER = Date.parse('2026-03-01T12:00:00.000Z');
const header = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toUTCString();

describe('the server clock', () => {
  it('reads the page clock as is until an answer says otherwise', () => {
    const clock = createServerClock(() => 1_000);
    expect(clock.now()).toBe(1_000);
    clock.observe(null, 0, 10);
    clock.observe('not a date', 0, 10);
    expect(clock.offsetMs()).toBe(0);
  });

  it('narrows the offset from whole-second Date headers to within the round trips', () => {
    const skew = 17_250; // the page runs 17.25 s behind the server
    let page = SERVER - skew;
    const clock = createServerClock(() => page);
    // Requests of 20 ms at moments spread over a second: each bounds the offset a bit more.
    for (const step of [0, 130, 270, 410, 560, 690, 820, 950]) {
      const sentAt = page + step;
      const serverAt = sentAt + skew + 10;
      clock.observe(header(serverAt), sentAt, sentAt + 20);
    }
    expect(Math.abs(clock.offsetMs() - skew)).toBeLessThan(100);
    page += 5_000;
    expect(Math.abs(clock.now() - (page + skew))).toBeLessThan(100);
  });

  it('starts again when the bounds disagree (a clock was set)', () => {
    const clock = createServerClock(() => 0);
    clock.observe(header(SERVER), SERVER, SERVER + 10);
    clock.observe(header(SERVER + 3_600_000), SERVER + 1_000, SERVER + 1_010);
    expect(clock.offsetMs()).toBeGreaterThan(3_598_000);
  });
});
