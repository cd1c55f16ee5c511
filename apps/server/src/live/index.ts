import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { type Session, sessionIsLive, socketIoRedisKey } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { logOutages } from '@stockpulse/runtime';
import { type ClientToServerEvents, ROOMS, type ServerToClientEvents } from '@stockpulse/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { ProxyTrust } from '../proxy-trust';
import { allowedOriginSet, peerTrust } from '../served-origin';
import { originAllowed, sessionOf } from './handshake';
import { checkSocketSessions } from './session-check';
import { attachStockFeed } from './stock-feed';
import { planWatch, splitArgs, type WatchAnswer } from './watch';

export { MAX_IDS_PER_CALL, MAX_WATCHED_PER_SOCKET } from './watch';

/** The room of every socket opened with one session: what signing out disconnects. */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;

export interface LiveOptions {
  /** Origins allowed besides the server's own (env LIVE_ALLOWED_ORIGINS), e.g. Vite's. */
  allowedOrigins?: readonly string[];
  /** How often open sockets' sessions are checked for expiry (env LIVE_SESSION_CHECK_MS). */
  sessionCheckMs?: number;
}

/** Sessions last 30 days and slide; a socket outliving its session is caught within this. */
export const DEFAULT_SESSION_CHECK_MS = 60_000;

interface SocketData {
  session: Pick<Session, 'userId' | 'role' | 'tokenHash'> | null;
  watching: Set<number>;
}

type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** What the API's context sees: signing out ends the session's sockets on every server. */
export interface LiveHandle {
  io: LiveServer;
  disconnectSession(tokenHash: string): void;
  close(): Promise<void>;
}

/** Frames larger than this close the socket (10,000 ids fit, to be refused politely). */
const MAX_FRAME_BYTES = 100_000;

/**
 * Socket.IO on `httpServer` at /socket.io, joined to the other server processes and the
 * worker's emitter through `@socket.io/redis-adapter` under `socketIoRedisKey(prefix)`.
 * `redis` is duplicated into the adapter's publisher and subscriber and the stock feed's
 * subscriber (they queue commands while Redis is down, so nothing is lost or thrown;
 * ioredis resubscribes on reconnect); `close()` ends the sockets and quits them.
 */
export function attachLive(options: {
  httpServer: HttpServer;
  db: Database;
  redis: Redis;
  redisPrefix: string;
  log: FastifyBaseLogger;
  live?: LiveOptions;
  /** The server's TRUST_PROXY: whose X-Forwarded-Proto/-Host say what origin was served. */
  trustProxy?: ProxyTrust;
}): LiveHandle {
  const { db, log } = options;
  const allowed = allowedOriginSet(options.live?.allowedOrigins ?? []);
  const trusts = peerTrust(options.trustProxy);
  const clientOptions = {
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    lazyConnect: false,
  };
  const pub = options.redis.duplicate(clientOptions);
  const sub = options.redis.duplicate(clientOptions);
  const stockSub = options.redis.duplicate(clientOptions);
  for (const [name, client] of [
    ['live publisher', pub],
    ['live subscriber', sub],
    ['live stock subscriber', stockSub],
  ] as const) {
    logOutages(client, { name, logger: log });
  }

  const io: LiveServer = new Server(options.httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: MAX_FRAME_BYTES,
    adapter: createAdapter(pub, sub, { key: socketIoRedisKey(options.redisPrefix) }),
    // Cross-origin polling from the allow-listed dev servers needs CORS with cookies.
    ...(allowed.size > 0 ? { cors: { origin: [...allowed], credentials: true } } : {}),
  });

  attachStockFeed({ io, subscriber: stockSub, redisPrefix: options.redisPrefix, log });
  const sessionCheck = checkSocketSessions({
    io: io as unknown as Server,
    db,
    log,
    everyMs: options.live?.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS,
  });

  // The handshake: the Origin first, then the session cookie. An anonymous socket is
  // welcome (it may watch products); a failure to read the session refuses the socket
  // rather than let it in as someone else.
  io.use((socket, next) => {
    if (!originAllowed(socket.request, allowed, trusts)) {
      next(new Error('origin not allowed'));
      return;
    }
    sessionOf(db, socket.request).then(
      (session) => {
        socket.data.session = session
          ? { userId: session.userId, role: session.role, tokenHash: session.tokenHash }
          : null;
        socket.data.watching = new Set();
        next();
      },
      (err) => {
        log.warn({ err }, 'live layer: cannot resolve the session of a socket');
        next(new Error('session unavailable'));
      },
    );
  });

  io.on('connection', (socket) => {
    const { session } = socket.data;
    // The only rooms a socket is put in besides the products it watches: the server's
    // choice from the session, never the client's.
    if (session) {
      socket.join(sessionRoom(session.tokenHash));
      if (session.role === 'admin') socket.join(ROOMS.admin);
      else socket.join(ROOMS.customer(session.userId));
      // A logout between the handshake's read and these joins disconnected the session
      // room before this socket was in it: look again now that it is. (A logout after
      // this point finds the socket in its session room.)
      sessionIsLive(db, session.tokenHash).then(
        (live) => {
          if (!live) socket.disconnect(true);
        },
        (err) => {
          log.warn({ err }, 'live layer: cannot re-check a socket session; disconnecting it');
          socket.disconnect(true);
        },
      );
    }
    onWatch(socket, 'inventory:watch', true);
    onWatch(socket, 'inventory:unwatch', false);
  });

  function onWatch(socket: LiveSocket, event: keyof ClientToServerEvents, add: boolean) {
    // Registered untyped: at runtime a client may send anything at all.
    (socket as unknown as { on(e: string, f: (...args: unknown[]) => void): void }).on(
      event,
      (...args) => {
        let answer: WatchAnswer;
        const { input, ack } = splitArgs(args);
        try {
          const { watching } = socket.data;
          const plan = planWatch(watching, input, add);
          if (plan.ok) {
            const rooms = plan.ids.map(ROOMS.product);
            if (add) {
              for (const id of plan.ids) watching.add(id);
              socket.join(rooms);
            } else {
              for (const id of plan.ids) watching.delete(id);
              for (const room of rooms) socket.leave(room);
            }
            answer = { ok: true, watching: watching.size };
          } else {
            answer = plan;
          }
        } catch (err) {
          log.error({ err, event }, 'live layer: watch handler failed');
          answer = { ok: false, error: 'internal error' };
        }
        try {
          ack?.(answer);
        } catch (err) {
          log.warn({ err, event }, 'live layer: ack failed');
        }
      },
    );
  }

  let closing: Promise<void> | undefined;
  return {
    io,
    disconnectSession(tokenHash) {
      io.in(sessionRoom(tokenHash)).disconnectSockets(true);
    },
    close() {
      closing ??= (async () => {
        sessionCheck.stop();
        // Not `io.close()`: that closes the HTTP server too, which Fastify owns.
        io.local.disconnectSockets(true);
        io.engine.close();
        await (io.of('/').adapter as unknown as { close(): Promise<void> | void }).close();
        await Promise.allSettled(
          [pub, sub, stockSub].map((client) =>
            client.status === 'ready'
              ? client.quit().catch(() => client.disconnect())
              : client.disconnect(),
          ),
        );
      })();
      return closing;
    },
  };
}
