import { useLiveStatus } from '@stockpulse/live';
import { ShoppingBag } from 'lucide-react';
import { Link, NavLink } from 'react-router';
import { useCart } from '../cart/CartProvider';
import { cartCount } from '../cart/cart';
import { useSession } from '../session/useSession';
import { AccountMenu } from './AccountMenu';

function LiveIndicator() {
  const status = useLiveStatus();
  const label = { live: 'Live', connecting: 'Connecting…', offline: 'Offline' }[status];
  return (
    <span className={`live-indicator live-${status}`} title={`Live stock updates: ${label}`}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-label">{label}</span>
    </span>
  );
}

export function Header() {
  const { cart } = useCart();
  const { user } = useSession();
  const count = cartCount(cart);
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link className="brand" to="/">
          <span className="brand-mark" aria-hidden="true" />
          Stockpulse
        </Link>
        <LiveIndicator />
        <nav className="header-nav" aria-label="Main">
          <NavLink to="/" end className="header-link hide-on-phone">
            Shop
          </NavLink>
          {user && (
            <NavLink to="/orders" className="header-link hide-on-phone">
              Orders
            </NavLink>
          )}
          <AccountMenu />
          <NavLink to="/cart" className="header-link cart-link" data-testid="cart-link">
            <ShoppingBag aria-hidden="true" size={20} />
            <span className="visually-hidden">Cart, </span>
            <span className="cart-count" data-testid="cart-count">
              {count}
            </span>
            <span className="visually-hidden">{count === 1 ? ' item' : ' items'}</span>
          </NavLink>
        </nav>
      </div>
    </header>
  );
}
