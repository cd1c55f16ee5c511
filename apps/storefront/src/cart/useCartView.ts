import { apiError, useLiveStock } from '@stockpulse/live';
import { useQueries } from '@tanstack/react-query';
import { trpc } from '../trpc';
import { useCart } from './CartProvider';
import { type CartLine, cartSubtotal, lineKey } from './cart';
import { type LineStatus, lineStatus } from './line-status';

export interface CartLineView extends CartLine {
  /** `lineKey`: what setQuantity and remove take. */
  key: string;
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
    // The line's variant among those on sale; a line without one is a simple product's.
    const variants = product?.variants ?? [];
    const variant =
      line.variantId === undefined
        ? variants.length === 1
          ? variants[0]
          : undefined
        : variants.find((v) => v.id === line.variantId);
    const gone = !!product && line.variantId !== undefined && !variant;
    const missing = apiError(query?.error).code === 'NOT_FOUND' || gone;
    const live = product && {
      available: variant?.available ?? product.available,
      priceCents: variant?.priceCents ?? product.priceCents,
    };
    return {
      ...line,
      key: lineKey(line),
      unitPriceCents: live?.priceCents ?? line.priceCents,
      available: live && !missing ? live.available : null,
      status: lineStatus(line.quantity, live || undefined, { missing }),
      version: stock.get(line.productId)?.version,
    };
  });
  const livePrice = new Map(views.map((line) => [line.key, line.unitPriceCents]));
  const subtotalCents = cartSubtotal(cartApi.cart, (line) => livePrice.get(lineKey(line)));
  // Fetching counts too: after PRICE_CHANGED the fresh prices are on their way, and a
  // total sent before they land would be refused again.
  const loading = products.some((query) => query.isPending || query.isFetching);
  return { ...cartApi, lines: views, subtotalCents, loading };
}
