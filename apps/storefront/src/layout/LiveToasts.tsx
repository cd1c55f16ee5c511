import { useLiveClient, useLiveStock } from '@stockpulse/live';
import { useEffect, useRef } from 'react';
import { useCart } from '../cart/CartProvider';
import { toast } from '../ui/toast';

const STATUS_NEWS: Record<string, string> = {
  paid: 'is paid',
  shipped: 'has shipped',
  delivered: 'was delivered',
  cancelled: 'was cancelled',
};

/**
 * Background news as toasts: the customer's orders moving (the server only sends their
 * own), and products in the cart selling out while they shop elsewhere. Watching the
 * cart's products here keeps their cached stock fresh on every page.
 */
export function LiveToasts() {
  const live = useLiveClient();
  const { cart } = useCart();
  useLiveStock(cart.lines.map((line) => line.productId));
  const lines = useRef(cart.lines);
  lines.current = cart.lines;

  useEffect(
    () =>
      live.subscribe(({ event, payload }) => {
        if (event === 'order:updated') {
          const news = STATUS_NEWS[payload.status];
          if (news) toast(`Order #${payload.orderId} ${news}`, { id: `order-${payload.orderId}` });
        } else if (event === 'inventory:changed') {
          const line = lines.current.find((l) => l.productId === payload.productId);
          if (!line || payload.available >= line.quantity) return;
          toast.warning(
            payload.available === 0
              ? `${line.name} just sold out`
              : `Only ${payload.available} of ${line.name} left`,
            {
              id: `stock-${line.productId}`,
              description: 'Your cart shows what is still available.',
            },
          );
        }
      }),
    [live],
  );
  return null;
}
