import { describe, expect, it } from 'vitest';
import { prettyLine } from './pretty-log';

describe('prettyLine', () => {
  it('shows a pino line as time, level, message and the extra fields', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 0, 2, 3, 4, 5),
      pid: 42,
      hostname: 'box',
      msg: 'order placed',
      orderId: 7,
      note: 'two words',
    });
    expect(prettyLine(line)).toBe('03:04:05 INFO  order placed orderId=7 note="two words"');
  });

  it('puts an error stack on the lines below', () => {
    const line = JSON.stringify({
      level: 50,
      time: 0,
      msg: 'boom',
      err: { type: 'Error', message: 'bad', stack: 'Error: bad\n    at x.ts:1' },
    });
    expect(prettyLine(line)).toBe('00:00:00 ERROR boom\nError: bad\n    at x.ts:1');
  });

  it('leaves other lines alone', () => {
    expect(prettyLine('  VITE v8 ready in 300 ms')).toBe('  VITE v8 ready in 300 ms');
    expect(prettyLine('{ not json')).toBe('{ not json');
    expect(prettyLine('{"hello":"world"}')).toBe('{"hello":"world"}');
  });

  it('colours the level only when asked', () => {
    const line = JSON.stringify({ level: 40, time: 0, msg: 'slow' });
    expect(prettyLine(line, true)).toContain('\x1b[33mWARN \x1b[0m');
    expect(prettyLine(line, false)).not.toContain('\x1b[');
  });
});
