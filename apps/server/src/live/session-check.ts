import { liveSessionHashes } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import type { FastifyBaseLogger } from 'fastify';
import type { RemoteSocket, Server } from 'socket.io';

type SignedInData = { session: { tokenHash: string } | null };

/**
 * Every `everyMs`, the signed-in sockets of THIS server whose session has ended since
 * they connected (expired, or deleted by a path that did not disconnect them) are
 * disconnected: one indexed read per 500 sessions. Sign-out and password changes
 * disconnect at once on every server; this catches expiry, the one end nobody announces.
 * Returns `stop` and `checkNow` (for tests and shutdown).
 */
export function checkSocketSessions(options: {
  io: Server;
  db: Database;
  log: FastifyBaseLogger;
  everyMs: number;
}) {
  const { io, db, log } = options;
  let running: Promise<number> | null = null;

  async function check(): Promise<number> {
    const sockets = (await io.local.fetchSockets()) as unknown as RemoteSocket<
      never,
      SignedInData
    >[];
    const signedIn = sockets.filter((socket) => socket.data.session);
    if (signedIn.length === 0) return 0;
    const hashes = [...new Set(signedIn.map((socket) => socket.data.session!.tokenHash))];
    const live = await liveSessionHashes(db, hashes);
    let ended = 0;
    for (const socket of signedIn) {
      if (live.has(socket.data.session!.tokenHash)) continue;
      socket.disconnect(true);
      ended += 1;
    }
    if (ended > 0)
      log.info({ sockets: ended }, 'live layer: disconnected sockets of ended sessions');
    return ended;
  }

  const checkNow = () => {
    running ??= check().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    checkNow().catch((err: unknown) => log.warn({ err }, 'live layer: session check failed'));
  }, options.everyMs);
  timer.unref();
  return { checkNow, stop: () => clearInterval(timer) };
}
