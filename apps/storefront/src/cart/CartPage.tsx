import { formatCents } from '@stockpulse/shared/money';
import { ShoppingBag } from 'lucide-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { plural } from '../lib/format';
import { useSession } from '../session/useSession';
import { EmptyState } from '../ui/EmptyState';
import { CartLineRow, issueFromStatus } from './CartLineRow';
import { cartCount } from './cart';
import { needsFix } from './line-status';
import { useCartView } from './useCartView';

export function CartPage() {
  const view = useCartView();
  const { user } = useSession();
  useEffect(() => {
    document.title = 'Your cart · Stockpulse';
  }, []);

  if (view.lines.length === 0) {
    return (
      <EmptyState
        icon={<ShoppingBag aria-hidden="true" size={40} />}
        title="Your cart is empty"
        level={1}
      >
        <p>Find something you like: stock counts update live.</p>
        <Link to="/" className="button">
          Start shopping
        </Link>
      </EmptyState>
    );
  }

  const flagged = view.lines.filter((line) => needsFix(line.status)).length;
  const count = cartCount(view.cart);
  return (
    <div className="cart-page">
      <div className="page-heading">
        <h1>Your cart</h1>
        <Link to="/" className="back-link">
          Continue shopping
        </Link>
      </div>
      <div className="two-column">
        <section aria-label="Cart items">
          <ul className="cart-lines">
            {view.lines.map((line) => (
              <CartLineRow
                key={line.key}
                line={line}
                issue={issueFromStatus(line)}
                onQuantity={(quantity) => view.setQuantity(line.key, quantity)}
                onRemove={() => view.remove(line.key)}
              />
            ))}
          </ul>
        </section>
        <aside className="summary-card" aria-label="Cart summary">
          <h2>Summary</h2>
          <dl className="summary-rows">
            <div>
              <dt>Items</dt>
              <dd>{plural(count, 'item')}</dd>
            </div>
            <div className="summary-total">
              <dt>Subtotal</dt>
              <dd data-testid="cart-subtotal">{formatCents(view.subtotalCents)}</dd>
            </div>
          </dl>
          {flagged > 0 && (
            <p className="notice notice-warning" role="status">
              {plural(flagged, 'line')} changed while you shopped. Fix{' '}
              {flagged === 1 ? 'it' : 'them'} above before you check out.
            </p>
          )}
          <Link
            to={user ? '/checkout' : '/signin?next=/checkout'}
            className="button button-large button-block"
          >
            {user ? 'Check out' : 'Sign in to check out'}
          </Link>
          <p className="muted small">Shipping is free. You can cancel until the order ships.</p>
        </aside>
      </div>
    </div>
  );
}
