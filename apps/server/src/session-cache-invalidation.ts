import { forgetSessionsChannel, SessionCache, type SessionsToForget } from '@stockpulse/core';
import { logOutages } from '@stockpulse/runtime';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

const isHash = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
const isId = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

/** Our servers write these; anything else on the channel is dropped. */
function parseForget(message: string): SessionsToForget | null {
  try {
    const which = JSON.parse(message) as { tokenHashes?: unknown; userIds?: unknown };
    const tokenHashes = which.tokenHashes ?? [];
    const userIds = which.userIds ?? [];
    if (!Array.isArray(tokenHashes) || !tokenHashes.every(isHash)) return null;
    if (!Array.isArray(userIds) || !userIds.every(isId)) return null;
    return { tokenHashes, userIds };
  } catch {
    return null;
  }
}

/**
 * This process's SessionCache (see packages/core), kept honest across server processes:
 * `forget` drops the sessions here at once and PUBLISHes them on `forgetSessionsChannel`,
 * which every server (this one too) hears on a subscriber connection of its own.
 *
 * The cache answers only while that subscription is up: it starts disabled, is enabled
 * (empty) once subscribed, and is disabled again the moment the subscriber's connection
 * drops, so a sign-out published while a server was not listening cannot be missed. If
 * the PUBLISH itself fails (Redis down), no server is answering from its cache anyway.
 */
export function createSessionCache(options: {
  redis: Redis;
  redisPrefix: string;
  ttlMs: number;
  log: FastifyBaseLogger;
}) {
  const { redis, log } = options;
  const cache = new SessionCache({ ttlMs: options.ttlMs });
  const channel = forgetSessionsChannel(options.redisPrefix);
  if (options.ttlMs <= 0) {
    return {
      cache,
      connectionName: null,
      forget: async (which: SessionsToForget) => cache.forget(which),
      close() {},
    };
  }
  const connectionName = `${options.redisPrefix}-session-cache-${process.pid}`;
  const subscriber = redis.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    connectionName,
  });
  logOutages(subscriber, { name: 'session cache subscriber', logger: log });
  const listen = () => {
    subscriber.subscribe(channel).then(
      () => {
        if (subscriber.status === 'ready') cache.enable();
      },
      (err: unknown) => log.warn({ err, channel }, 'session cache: cannot subscribe'),
    );
  };
  subscriber.on('ready', listen);
  for (const down of ['close', 'reconnecting', 'end'] as const) {
    subscriber.on(down, () => cache.disable());
  }
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const which = parseForget(message);
    if (which) cache.forget(which);
    else log.warn({ channel }, 'session cache: dropped a malformed message');
  });

  return {
    cache,
    /** The subscriber's CLIENT SETNAME (for operators, and the test that cuts it off). */
    connectionName,
    /** Resolves once Redis has handed the message to every subscribed server. */
    async forget(which: SessionsToForget) {
      cache.forget(which);
      await redis.publish(channel, JSON.stringify(which)).catch((err: unknown) => {
        log.warn({ err }, 'session cache: could not tell the other servers to forget');
      });
    },
    close() {
      cache.disable();
      subscriber.disconnect();
    },
  };
}
