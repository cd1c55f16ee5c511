import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCart } from '../cart/CartProvider';
import type { OrderDetail } from '../orders/OrderLines';
import { queryClient, trpc } from '../trpc';
import { toast } from '../ui/toast';

/**
 * Puts a cancelled order's lines back in the cart and opens it, so a customer whose
 * payment failed tries again in two clicks. Each product is read from the catalog (its
 * picture, SKU and today's price); one no longer sold is left out, and said so. The
 * cart page then shows what is in stock now.
 */
export function useRestoreCart() {
  const { add } = useCart();
  const navigate = useNavigate();
  const [restoring, setRestoring] = useState(false);

  const restore = async (order: Pick<OrderDetail, 'lines'>) => {
    setRestoring(true);
    try {
      const products = await Promise.all(
        order.lines.map((line) =>
          queryClient
            .fetchQuery(trpc.catalog.byId.queryOptions({ id: line.productId }))
            .catch(() => null),
        ),
      );
      let missing = 0;
      order.lines.forEach((line, index) => {
        const product = products[index];
        if (!product) {
          missing += 1;
          return;
        }
        add({
          productId: product.id,
          quantity: line.quantity,
          name: product.name,
          sku: product.sku,
          priceCents: product.priceCents,
          imageUrl: product.imageUrl,
        });
      });
      if (missing > 0) {
        toast.warning(
          missing === 1
            ? 'One item is no longer sold and was left out.'
            : `${missing} items are no longer sold and were left out.`,
        );
      }
      navigate('/cart');
    } finally {
      setRestoring(false);
    }
  };
  return { restore, restoring };
}
