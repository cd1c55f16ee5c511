// Test support only (`@stockpulse/live/testing`, never the package root): a minimal but
// real Socket.IO server that behaves per the contract in DESIGN §6 — products are rooms a
// socket joins through `inventory:watch` / `inventory:unwatch` (≤ 200 ids per call, ≤ 1,000
// per socket, answered with an ack), and the server forgets them when the socket disconnects.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ClientToServerEvents, ROOMS, type ServerToClientEvents } from '@stockpulse/shared';
import { Server } from 'socket.io';

export type TestIo = Server<ClientToServerEvents, ServerToClientEvents>;

const valid = (ids: unknown): ids is number[] =>
  Array.isArray(ids) &&
  ids.length >= 1 &&
  ids.length <= 200 &&
  ids.every((id) => Number.isSafeInteger(id) && id > 0);

export async function startTestServer(port = 0) {
  const http = createServer();
  const io: TestIo = new Server(http, { path: '/socket.io' });
  /** Every watch / unwatch call received, in order: what the client sent over the wire. */
  const calls: { socketId: string; event: string; ids: number[] }[] = [];
  io.on('connection', (socket) => {
    const watching = new Set<number>();
    for (const event of ['inventory:watch', 'inventory:unwatch'] as const) {
      socket.on(event, (ids: unknown, ack?: unknown) => {
        const answer = typeof ack === 'function' ? ack : () => {};
        if (!valid(ids)) return answer({ ok: false, error: 'productIds: 1 to 200 ids' });
        calls.push({ socketId: socket.id, event, ids: [...ids] });
        if (event === 'inventory:watch') {
          if (new Set([...watching, ...ids]).size > 1_000) {
            return answer({ ok: false, error: 'at most 1000 products per socket' });
          }
          for (const id of ids) watching.add(id);
          void socket.join(ids.map(ROOMS.product));
        } else {
          for (const id of ids) {
            watching.delete(id);
            void socket.leave(ROOMS.product(id));
          }
        }
        answer({ ok: true, watching: watching.size });
      });
    }
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    io,
    url,
    port: (http.address() as AddressInfo).port,
    calls,
    /** The socket ids in a product's room, across the server. */
    async inRoom(productId: number) {
      return (await io.in(ROOMS.product(productId)).fetchSockets()).map((s) => s.id);
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

/** Polls until `check` returns a value other than undefined/false (or throws after `ms`). */
export async function until<T>(check: () => T | Promise<T>, ms = 5_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
