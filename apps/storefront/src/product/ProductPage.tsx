import { apiError, useLiveStock } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, ShoppingCart } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCart } from '../cart/CartProvider';
import { MAX_LINE_QUANTITY } from '../cart/cart';
import { StockBadge } from '../catalog/StockBadge';
import { NotFound } from '../layout/RouteError';
import { trpc } from '../trpc';
import { ErrorState } from '../ui/ErrorState';
import { PageSkeleton } from '../ui/Skeleton';
import { toast } from '../ui/toast';
import { ProductGallery } from './ProductGallery';
import { QuantityPicker } from './QuantityPicker';
import './product.css';

export function ProductPage() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const product = useQuery({ ...trpc.catalog.byId.queryOptions({ id }), enabled: valid });
  const stock = useLiveStock(valid ? [id] : []);
  const { cart, add } = useCart();
  const [quantity, setQuantity] = useState(1);
  const navigate = useNavigate();

  const inCart = cart.lines.find((line) => line.productId === id)?.quantity ?? 0;
  // Archived while the page is open (a live `product:updated`): nothing more to buy.
  const archived = product.data?.active === false;
  const available = archived ? 0 : (product.data?.available ?? 0);
  const canStillAdd = Math.min(available, MAX_LINE_QUANTITY) - inCart;

  // Stock moved under the picker (someone bought): never offer more than there is.
  useEffect(() => {
    if (canStillAdd > 0 && quantity > canStillAdd) setQuantity(canStillAdd);
  }, [canStillAdd, quantity]);

  useEffect(() => {
    if (product.data) document.title = `${product.data.name} · Stockpulse`;
  }, [product.data]);

  if (!valid || apiError(product.error).code === 'NOT_FOUND') return <NotFound />;
  if (product.isPending) return <PageSkeleton label="Loading product" />;
  if (product.isError) {
    return (
      <ErrorState
        title="We couldn’t load this product"
        level={1}
        error={product.error}
        onRetry={() => product.refetch()}
      />
    );
  }

  const item = product.data;
  const addToCart = () => {
    add({
      productId: item.id,
      quantity,
      name: item.name,
      sku: item.sku,
      priceCents: item.priceCents,
      imageUrl: item.imageUrl,
    });
    toast.success(`Added ${quantity} × ${item.name} to your cart`, {
      action: { label: 'View cart', onClick: () => navigate('/cart') },
    });
    setQuantity(1);
  };

  return (
    <article className="product-page">
      <Link to="/" className="back-link">
        <ArrowLeft aria-hidden="true" size={16} /> Back to the shop
      </Link>
      <div className="product-layout">
        <ProductGallery name={item.name} imageUrl={item.imageUrl} images={item.images} />
        <div className="product-info">
          <Link className="product-category" to={`/?category=${encodeURIComponent(item.category)}`}>
            {item.category}
          </Link>
          <h1>{item.name}</h1>
          <p className="product-price price">{formatCents(item.priceCents)}</p>
          <div className="product-availability" aria-live="polite">
            {archived ? (
              <p className="notice notice-warning product-archived" role="status">
                This product is no longer available: it has been taken off the shop.
              </p>
            ) : (
              <StockBadge available={item.available} version={stock.get(id)?.version} />
            )}
            {inCart > 0 && <span className="muted">{inCart} in your cart</span>}
          </div>
          <div className="buy-box">
            <QuantityPicker
              value={quantity}
              max={Math.max(1, canStillAdd)}
              onChange={setQuantity}
              disabled={canStillAdd <= 0}
            />
            <button
              type="button"
              className="button button-large"
              onClick={addToCart}
              disabled={canStillAdd <= 0}
            >
              <ShoppingCart aria-hidden="true" size={18} />
              {archived
                ? 'No longer sold'
                : available <= 0
                  ? 'Sold out'
                  : canStillAdd <= 0
                    ? 'All in your cart'
                    : 'Add to cart'}
            </button>
          </div>
          <h2 className="visually-hidden">Description</h2>
          <p className="product-description">{item.description}</p>
          <p className="muted small">SKU {item.sku}</p>
        </div>
      </div>
    </article>
  );
}
