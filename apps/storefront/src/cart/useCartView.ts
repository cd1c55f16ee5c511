import { apiError, useLiveStock } from '@stockpulse/live';
import { useQueries } from '@tanstack/react-query';
import { trpc } from '../trpc';
import { useCart } from './CartProvider';
import { type CartLine, cartSubtotal } from './cart';
import { type LineStatus, lineStatus } from './line-status';

export interface CartLineView extends CartLine {
  /** The live price when known, else the one the customer saw. */
  unitPriceCents: number;
  /** The live count, or null while loading / when the product is gone. */
  available: number | null;
  status: LineStatus;
  /** The version of the last live change (for the flash cue). */
  version: number | undefined;
}

/**
 * The cart joined with the live catalog: each line's product (`catalog.byId`, patched by
 * the live client as stock moves), its status and the subtotal at today's prices.
 */
export function useCartView() {
  const cartApi = useCart();
  const { lines } = cartApi.cart;
  const products = useQueries({
    queries: lines.map((line) => trpc.catalog.byId.queryOptions({ id: line.productId })),
  });
  const stock = useLiveStock(lines.map((line) => line.productId));

  const views: CartLineView[] = lines.map((line, index) => {
    const query = products[index];
    const product = query?.data;
    const missing = apiError(query?.error).code === 'NOT_FOUND';
    return {
      ...line,
      unitPriceCents: product?.priceCents ?? line.priceCents,
      available: product ? product.available : null,
      status: lineStatus(line.quantity, product, { missing }),
      version: stock.get(line.productId)?.version,
    };
  });
  const livePrice = new Map(views.map((line) => [line.productId, line.unitPriceCents]));
  const subtotalCents = cartSubtotal(cartApi.cart, (productId) => livePrice.get(productId));
  // Fetching counts too: after PRICE_CHANGED the fresh prices are on their way, and a
  // total sent before they land would be refused again.
  const loading = products.some((query) => query.isPending || query.isFetching);
  return { ...cartApi, lines: views, subtotalCents, loading };
}
