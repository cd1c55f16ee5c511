import { ChevronDown, LogOut, Package, User } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { plainMessage } from '../lib/errors';
import { useSession, useSignOut } from '../session/useSession';
import { toast } from '../ui/toast';

/** "Sign in" for visitors; for a customer, a disclosure menu with account, orders, sign out. */
export function AccountMenu() {
  const { user, isPending } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  // Close on Escape and on a click elsewhere, like any menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        root.current?.querySelector('button')?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  if (isPending) return <span className="account-placeholder" aria-hidden="true" />;
  if (!user) {
    return (
      <Link to="/signin" className="header-link">
        <User aria-hidden="true" size={18} />
        <span>Sign in</span>
      </Link>
    );
  }
  const firstName = user.name.split(' ')[0] || user.name;
  return (
    <div className="account-menu" ref={root}>
      <button
        type="button"
        className="header-link account-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <User aria-hidden="true" size={18} />
        <span className="account-name">{firstName}</span>
        <ChevronDown aria-hidden="true" size={16} />
        <span className="visually-hidden">account menu</span>
      </button>
      {open && (
        <ul id={menuId} className="account-dropdown">
          <li className="account-dropdown-who">
            Signed in as <strong>{user.email}</strong>
          </li>
          <li>
            <Link to="/account" onClick={() => setOpen(false)}>
              <User aria-hidden="true" size={16} /> Account
            </Link>
          </li>
          <li>
            <Link to="/orders" onClick={() => setOpen(false)}>
              <Package aria-hidden="true" size={16} /> Orders
            </Link>
          </li>
          <li>
            <button
              type="button"
              onClick={() =>
                signOut.mutate(undefined, {
                  onSuccess: () => {
                    setOpen(false);
                    toast('You are signed out');
                    navigate('/');
                  },
                  onError: (error) => toast.error(plainMessage(error)),
                })
              }
              disabled={signOut.isPending}
            >
              <LogOut aria-hidden="true" size={16} /> Sign out
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
