import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('the process logger', () => {
  it('tags lines with the app and never prints credentials', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text));
        done();
      },
    });
    const log = createLogger({ app: 'worker', level: 'info', destination });
    log.info(
      {
        req: { headers: { cookie: 'sp_session=secret', authorization: 'Bearer x', host: 'h' } },
        res: { headers: { 'set-cookie': 'sp_session=secret' } },
        headers: { cookie: 'a=b', authorization: 'Basic y' },
      },
      'a request',
    );
    log.debug({}, 'not at info');
    expect(lines).toEqual([
      expect.objectContaining({
        app: 'worker',
        msg: 'a request',
        req: { headers: { cookie: '[redacted]', authorization: '[redacted]', host: 'h' } },
        res: { headers: { 'set-cookie': '[redacted]' } },
        headers: { cookie: '[redacted]', authorization: '[redacted]' },
      }),
    ]);
  });
});
