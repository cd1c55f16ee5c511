import { apiError, useLiveStock } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, ShoppingCart } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
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
import { VariantPicker } from './VariantPicker';
import { type Choice, initialChoice, variantFor } from './variant-choice';
import './product.css';

export function ProductPage() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const product = useQuery({ ...trpc.catalog.byId.queryOptions({ id }), enabled: valid });
  const stock = useLiveStock(valid ? [id] : []);
  const { cart, add } = useCart();
  const [quantity, setQuantity] = useState(1);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [picked, setPicked] = useState<Choice | null>(null);

  const options = product.data?.options ?? [];
  const variants = product.data?.variants ?? [];
  const wanted = Number(params.get('variant')) || null;
  const choice = picked ?? initialChoice(variants, wanted);
  const variant = choice ? variantFor(variants, options, choice) : undefined;
  const choose = (next: Choice) => {
    setPicked(next);
    const named = variantFor(variants, options, next);
    // The choice lives in the URL too: shareable, and the cart links back to it.
    if (named && options.length > 0) {
      setParams({ variant: String(named.id) }, { replace: true });
    }
  };

  // This variant's line, and for a simple product a line saved before variants too.
  const inCart = cart.lines
    .filter(
      (line) =>
        line.productId === id &&
        (line.variantId === undefined ? variants.length === 1 : line.variantId === variant?.id),
    )
    .reduce((sum, line) => sum + line.quantity, 0);
  // Archived while the page is open (a live `product:updated`): nothing more to buy.
  const archived = product.data?.active === false;
  const available = archived || !variant ? 0 : variant.available;
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
  const title = variant?.title ?? '';
  const addToCart = () => {
    if (!variant) return;
    add({
      productId: item.id,
      variantId: variant.id,
      variantTitle: title,
      quantity,
      name: item.name,
      sku: variant.sku,
      priceCents: variant.priceCents,
      imageUrl: item.imageUrl,
    });
    toast.success(`Added ${quantity} × ${item.name}${title ? ` (${title})` : ''} to your cart`, {
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
          <p className="product-price price">
            {formatCents(variant?.priceCents ?? item.priceCents)}
          </p>
          {options.length > 0 && choice && (
            <VariantPicker
              options={options}
              variants={variants}
              choice={choice}
              onChange={choose}
            />
          )}
          <div className="product-availability" aria-live="polite">
            {archived ? (
              <p className="notice notice-warning product-archived" role="status">
                This product is no longer available: it has been taken off the shop.
              </p>
            ) : (
              <StockBadge available={available} version={stock.get(id)?.version} />
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
                : !variant
                  ? 'Not sold in this combination'
                  : available <= 0
                    ? 'Sold out'
                    : canStillAdd <= 0
                      ? 'All in your cart'
                      : 'Add to cart'}
            </button>
          </div>
          <h2 className="visually-hidden">Description</h2>
          <p className="product-description">{item.description}</p>
          <p className="muted small">SKU {variant?.sku ?? item.sku}</p>
        </div>
      </div>
    </article>
  );
}
