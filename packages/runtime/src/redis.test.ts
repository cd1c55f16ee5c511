import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createOutageLog, logOutages, logOutagesVia } from './redis';

/** A logger that keeps its lines. */
function recording() {
  const lines: { level: 'warn' | 'info'; details: object; message: string }[] = [];
  return {
    lines,
    logger: {
      warn: (details: object, message: string) =>
        void lines.push({ level: 'warn', details, message }),
      info: (details: object, message: string) =>
        void lines.push({ level: 'info', details, message }),
    },
  };
}

describe('the Redis outage log', () => {
  it('logs the first error of an outage once and the recovery once, per outage', () => {
    const { lines, logger } = recording();
    const client = new EventEmitter();
    logOutages(client, { name: 'worker', logger });

    client.emit('ready'); // the first connection: nothing to report
    for (let attempt = 0; attempt < 20; attempt++) client.emit('error', new Error('ECONNREFUSED'));
    client.emit('ready');
    client.emit('ready');
    client.emit('error', new Error('ECONNRESET'));
    client.emit('error', new Error('ECONNREFUSED'));
    client.emit('ready');

    expect(lines.map(({ level, message }) => [level, message])).toEqual([
      ['warn', 'Redis (worker) unavailable; retrying'],
      ['info', 'Redis (worker) reconnected'],
      ['warn', 'Redis (worker) unavailable; retrying'],
      ['info', 'Redis (worker) reconnected'],
    ]);
    expect(lines[0]?.details).toMatchObject({ redis: 'worker', err: { message: 'ECONNREFUSED' } });
    expect(lines[2]?.details).toMatchObject({ err: { message: 'ECONNRESET' } });
  });

  it('logs an outage that starts before the first connection, and the recovery', () => {
    const { lines, logger } = recording();
    const client = new EventEmitter();
    logOutages(client, { name: 'producer', logger });
    client.emit('error', new Error('ECONNREFUSED'));
    client.emit('error', new Error('ECONNREFUSED'));
    client.emit('ready');
    expect(lines.map((line) => line.level)).toEqual(['warn', 'info']);
  });

  it('says how long the outage lasted', () => {
    const { lines, logger } = recording();
    let now = 1_000;
    const outage = createOutageLog(logger, 'server', () => now);
    expect(outage.down).toBe(false);
    outage.failed(new Error('down'));
    expect(outage.down).toBe(true);
    now = 4_500;
    outage.recovered();
    expect(outage.down).toBe(false);
    expect(lines[1]?.details).toEqual({ redis: 'server', downMs: 3_500 });
  });

  it('counts the errors of workers and queues on a connection as its outage', () => {
    const { lines, logger } = recording();
    const connection = new EventEmitter();
    const worker = new EventEmitter();
    const queue = new EventEmitter();
    logOutages(connection, { name: 'worker', logger });
    logOutagesVia(connection, worker, { source: 'orders worker', logger });
    logOutagesVia(connection, queue, { source: 'orders queue', logger });

    // The worker's blocking connection may notice first: its error opens the outage.
    worker.emit('error', new Error('Connection is closed.'));
    connection.emit('error', new Error('ECONNREFUSED'));
    queue.emit('error', new Error('ECONNREFUSED'));
    worker.emit('error', new Error('ECONNREFUSED'));
    connection.emit('ready');

    expect(lines.map(({ level, message, details }) => [level, message, details])).toEqual([
      [
        'warn',
        'Redis (worker) unavailable; retrying',
        expect.objectContaining({ source: 'orders worker' }),
      ],
      ['info', 'Redis (worker) reconnected', expect.objectContaining({ redis: 'worker' })],
    ]);
  });

  it('puts a connection under the rule only once', () => {
    const { lines, logger } = recording();
    const client = new EventEmitter();
    logOutages(client, { name: 'a', logger });
    logOutages(client, { name: 'b', logger });
    client.emit('error', new Error('x'));
    expect(lines).toHaveLength(1);
    expect(client.listenerCount('error')).toBe(1);
  });
});
