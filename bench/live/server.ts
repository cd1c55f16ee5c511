/**
 * The Socket.IO server the live benchmark measures, in a process of its own so that its
 * event loop and memory are not the clients'. A real `socket.io` Server on loopback with
 * `@socket.io/redis-adapter` (as apps/server runs it), a watch handler per DESIGN §6
 * (rooms `product:{id}`, ack), and an IPC channel for the runner:
 *   { type: 'broadcast', version } → bare `io.emit` to every socket (the baseline)
 *   { type: 'room', version }      → `io.to('product:1').emit` from this server
 *   { type: 'memory' }             → RSS / heap after a full GC
 * Started by run.ts with REDIS_URL and LIVE_BENCH_KEY; not a test, not shipped.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { type ClientToServerEvents, ROOMS, type ServerToClientEvents } from '@stockpulse/shared';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { readEnv } from './env';
import { BENCH_PRODUCT, stockChange } from './payload';

const { REDIS_URL: redisUrl, LIVE_BENCH_KEY: key } = readEnv();
if (!key || !process.send) throw new Error('started by bench/live/run.ts only');
const send = (message: object) => process.send?.(message);

const pub = new Redis(redisUrl);
const sub = pub.duplicate();
const http = createServer();
const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
  path: '/socket.io',
  transports: ['websocket'],
  adapter: createAdapter(pub, sub, { key }),
});

io.on('connection', (socket) => {
  socket.on('inventory:watch', (ids, ack) => {
    if (!Array.isArray(ids) || ids.length > 200 || !ids.every((id) => Number.isSafeInteger(id))) {
      ack?.({ ok: false, error: 'productIds: at most 200 integers' });
      return;
    }
    void socket.join(ids.map(ROOMS.product));
    ack?.({ ok: true, watching: ids.length });
  });
});

process.on('message', (message: { type: string; version?: number }) => {
  if (message.type === 'broadcast') io.emit('inventory:changed', stockChange(message.version ?? 0));
  else if (message.type === 'room') {
    io.to(ROOMS.product(BENCH_PRODUCT)).emit(
      'inventory:changed',
      stockChange(message.version ?? 0),
    );
  } else if (message.type === 'memory') {
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', rss, heapUsed, sockets: io.engine.clientsCount });
  } else if (message.type === 'stop') {
    io.close();
    pub.disconnect();
    sub.disconnect();
    process.exit(0);
  }
});

http.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', port: (http.address() as AddressInfo).port });
});
