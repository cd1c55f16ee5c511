import { useLiveOrder } from '@stockpulse/live';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../trpc';

/**
 * One of the customer's orders, kept live: the live client patches its status in the
 * cache the moment an `order:updated` arrives (and refetches it for the timeline);
 * `change` (the last one heard) lets the page flash the badge.
 */
export function useOrder(id: number, enabled = true) {
  const order = useQuery({ ...trpc.orders.byId.queryOptions({ id }), enabled });
  const change = useLiveOrder(id);
  return { order, change };
}
