import { formatCents } from '@stockpulse/shared/money';
import { AlertCircle, Trash2 } from 'lucide-react';
import { Link } from 'react-router';
import { QuantityPicker } from '../product/QuantityPicker';
import { MAX_LINE_QUANTITY } from './cart';
import type { CartLineView } from './useCartView';
import './cart.css';

/** A problem with a line and its one-click fix: the live flag, or the server's refusal. */
export interface LineIssue {
  message: string;
  /** Keep this many (what is left), or remove the line when 0. */
  fixQuantity: number;
}

export function issueFromStatus(line: CartLineView): LineIssue | null {
  switch (line.status.kind) {
    case 'short':
      return { message: `Only ${line.status.available} left`, fixQuantity: line.status.available };
    case 'soldOut':
      return { message: 'Sold out: someone just bought the last ones', fixQuantity: 0 };
    case 'unavailable':
      return { message: 'No longer sold', fixQuantity: 0 };
    default:
      return null;
  }
}

export function CartLineRow({
  line,
  issue,
  onQuantity,
  onRemove,
}: {
  line: CartLineView;
  issue: LineIssue | null;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}) {
  const max = Math.min(MAX_LINE_QUANTITY, Math.max(line.quantity, line.available ?? line.quantity));
  const priceChanged = line.unitPriceCents !== line.priceCents;
  return (
    <li
      className={`cart-line${issue ? ' has-issue' : ''}`}
      data-testid="cart-line"
      data-product-id={line.productId}
      data-variant-id={line.variantId}
    >
      <img className="cart-line-image" src={line.imageUrl} alt="" width={96} height={72} />
      <div className="cart-line-main">
        <Link
          to={`/products/${line.productId}${line.variantId === undefined ? '' : `?variant=${line.variantId}`}`}
          className="cart-line-name"
        >
          {line.name}
        </Link>
        {line.variantTitle && <span className="cart-line-variant small">{line.variantTitle}</span>}
        <span className="muted small">
          {formatCents(line.unitPriceCents)} each
          {priceChanged && <> (was {formatCents(line.priceCents)})</>}
        </span>
        {issue && (
          <div className="line-issue" role="alert" data-testid="line-issue">
            <AlertCircle aria-hidden="true" size={16} />
            <span>{issue.message}</span>
            <button
              type="button"
              className="link-button"
              onClick={() => (issue.fixQuantity > 0 ? onQuantity(issue.fixQuantity) : onRemove())}
            >
              {issue.fixQuantity > 0 ? `Keep ${issue.fixQuantity}` : 'Remove it'}
            </button>
          </div>
        )}
      </div>
      <QuantityPicker
        value={line.quantity}
        max={max}
        onChange={onQuantity}
        label={`Quantity of ${line.variantTitle ? `${line.name} (${line.variantTitle})` : line.name}`}
      />
      <span className="cart-line-total price">
        {formatCents(line.unitPriceCents * line.quantity)}
      </span>
      <button
        type="button"
        className="icon-button"
        onClick={onRemove}
        aria-label={`Remove ${line.variantTitle ? `${line.name} (${line.variantTitle})` : line.name} from cart`}
      >
        <Trash2 aria-hidden="true" size={18} />
      </button>
    </li>
  );
}
