import type { RouterOutputs } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { ShoppingCart } from 'lucide-react';
import { Link } from 'react-router';
import { useCart } from '../cart/CartProvider';
import { toast } from '../ui/toast';
import { StockBadge } from './StockBadge';

export type CatalogItem = RouterOutputs['catalog']['list']['items'][number];

/** Two columns on phones, else cards of 220px and up (catalog.css). */
const CARD_SIZES = '(max-width: 600px) 50vw, 300px';

export function ProductCard({ product, version }: { product: CatalogItem; version?: number }) {
  const { cart, add } = useCart();
  const inCart = cart.lines
    .filter((line) => line.productId === product.id)
    .reduce((sum, line) => sum + line.quantity, 0);
  const canAdd = product.available > inCart;
  // Sold in options: the shopper picks one on the product page.
  const picks = product.variantCount > 1;

  const addOne = () => {
    add({
      productId: product.id,
      ...(product.firstVariantId === null ? {} : { variantId: product.firstVariantId }),
      quantity: 1,
      name: product.name,
      sku: product.sku,
      priceCents: product.priceCents,
      imageUrl: product.imageUrl,
    });
    toast.success(`Added ${product.name} to your cart`);
  };

  return (
    <li
      className={`product-card${product.available <= 0 ? ' is-sold-out' : ''}`}
      data-testid="product-card"
      data-product-id={product.id}
    >
      <Link to={`/products/${product.id}`} className="product-card-link">
        {/* alt="" as the link's text already names the product. */}
        <img
          className="product-card-image"
          src={product.imageUrl}
          srcSet={product.image?.srcSet}
          sizes={product.image ? CARD_SIZES : undefined}
          alt=""
          width={320}
          height={240}
          loading="lazy"
        />
        <span className="product-card-category">{product.category}</span>
        <span className="product-card-name">{product.name}</span>
      </Link>
      <div className="product-card-footer">
        <span className="price">
          {picks && <span className="muted small">From </span>}
          {formatCents(product.priceCents)}
        </span>
        <StockBadge available={product.available} version={version} />
      </div>
      {picks && product.available > 0 ? (
        <Link
          to={`/products/${product.id}`}
          className="button button-secondary product-card-add"
          data-testid="choose-options"
        >
          Choose options
          <span className="visually-hidden">: {product.name}</span>
        </Link>
      ) : (
        <button
          type="button"
          className="button button-secondary product-card-add"
          onClick={addOne}
          disabled={!canAdd}
        >
          <ShoppingCart aria-hidden="true" size={16} />
          {product.available <= 0 ? 'Sold out' : canAdd ? 'Add to cart' : 'All in your cart'}
          <span className="visually-hidden">: {product.name}</span>
        </button>
      )}
    </li>
  );
}
