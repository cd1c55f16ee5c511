import { liveStockChannel } from '@stockpulse/core';
import { deliveriesFor, type InventoryChanged } from '@stockpulse/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { COALESCE_WINDOW_MS, createCoalescer } from './coalesce';

const isCount = (value: unknown) => Number.isSafeInteger(value);

/** Our relay writes these; anything else on the channel is logged and dropped. */
function parseChange(message: string): InventoryChanged | null {
  try {
    const event = JSON.parse(message) as Record<string, unknown>;
    const fields = [
      'productId',
      'variantId',
      'available',
      'productAvailable',
      'onHand',
      'reserved',
      'incoming',
      'version',
    ];
    return fields.every((field) => isCount(event[field]))
      ? (event as unknown as InventoryChanged)
      : null;
  } catch {
    return null;
  }
}

/**
 * Committed stock changes from the outbox relays (`liveStockChannel`) to this server's
 * own sockets in `product:{id}` and `admin`, bursts coalesced per variant. Every server
 * subscribes and emits locally, so each socket hears a change once. `subscriber` is a
 * connection of its own (subscriber mode); ioredis resubscribes after a reconnect.
 */
export function attachStockFeed(options: {
  io: Pick<Server, 'local'>;
  subscriber: Redis;
  redisPrefix: string;
  log: FastifyBaseLogger;
  windowMs?: number;
}) {
  const { io, subscriber, log } = options;
  const channel = liveStockChannel(options.redisPrefix);
  const coalescer = createCoalescer((event) => {
    for (const delivery of deliveriesFor('inventory:changed', event)) {
      io.local.to(delivery.rooms).emit('inventory:changed', delivery.payload);
    }
  }, options.windowMs ?? COALESCE_WINDOW_MS);
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const event = parseChange(message);
    if (event) coalescer.offer(event);
    else log.warn({ channel }, 'live layer: dropped a malformed stock change');
  });
  subscriber.subscribe(channel).catch((err: unknown) => {
    log.error({ err, channel }, 'live layer: cannot subscribe to stock changes');
  });
}
