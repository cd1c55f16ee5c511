import { createContext, type ReactNode, useContext, useEffect, useMemo, useReducer } from 'react';
import {
  CART_STORAGE_KEY,
  type Cart,
  type CartLine,
  cartReducer,
  parseStoredCart,
  serializeCart,
} from './cart';

export interface CartApi {
  cart: Cart;
  add(line: CartLine): void;
  /** By `lineKey`. */
  setQuantity(key: string, quantity: number): void;
  remove(key: string): void;
  clear(): void;
}

const CartContext = createContext<CartApi | null>(null);

function readStorage(storage: Storage | undefined): Cart {
  try {
    return parseStoredCart(storage?.getItem(CART_STORAGE_KEY) ?? null);
  } catch {
    return parseStoredCart(null); // storage blocked (privacy mode): a cart for this page only
  }
}

/** The cart for the whole page, saved to localStorage and shared with the other tabs. */
export function CartProvider({
  children,
  storage = globalThis.localStorage,
}: {
  children: ReactNode;
  storage?: Storage;
}) {
  const [cart, dispatch] = useReducer(cartReducer, storage, readStorage);

  useEffect(() => {
    try {
      storage?.setItem(CART_STORAGE_KEY, serializeCart(cart));
    } catch {
      // Full or blocked storage: the cart still works until the page closes.
    }
  }, [cart, storage]);

  // Another tab changed the cart: take its version.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === CART_STORAGE_KEY && event.storageArea === storage) {
        dispatch({ type: 'replace', cart: parseStoredCart(event.newValue) });
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storage]);

  const api = useMemo<CartApi>(
    () => ({
      cart,
      add: (line) => dispatch({ type: 'add', line }),
      setQuantity: (key, quantity) => dispatch({ type: 'setQuantity', key, quantity }),
      remove: (key) => dispatch({ type: 'remove', key }),
      clear: () => dispatch({ type: 'clear' }),
    }),
    [cart],
  );
  return <CartContext.Provider value={api}>{children}</CartContext.Provider>;
}

export function useCart(): CartApi {
  const api = useContext(CartContext);
  if (!api) throw new Error('useCart needs a <CartProvider> above it');
  return api;
}
