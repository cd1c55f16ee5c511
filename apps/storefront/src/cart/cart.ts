/**
 * The cart: plain data and a reducer, kept in localStorage so it survives reloads and
 * follows the customer across tabs. A line keeps a snapshot of what the customer saw
 * (name, price, picture) for display; the live price and stock come from the catalog.
 */
export interface CartLine {
  productId: number;
  /**
   * The variant bought (DESIGN §11). A line saved before variants has none: it is the
   * product's one variant, which the server resolves.
   */
  variantId?: number;
  /** "M / Red"; absent or "" for a simple product. */
  variantTitle?: string;
  quantity: number;
  name: string;
  sku: string;
  priceCents: number;
  imageUrl: string;
}

export interface Cart {
  lines: CartLine[];
}

/** The most of one product an order may hold (ORDER_LIMITS.maxQuantity on the server). */
export const MAX_LINE_QUANTITY = 999;
/** The most lines an order may hold (ORDER_LIMITS.maxLines). */
export const MAX_LINES = 50;

export type CartAction =
  | { type: 'add'; line: CartLine }
  | { type: 'setQuantity'; key: string; quantity: number }
  | { type: 'remove'; key: string }
  | { type: 'clear' }
  | { type: 'replace'; cart: Cart };

export const emptyCart: Cart = { lines: [] };

/** What makes two lines one: the variant, or for a line without one, the product. */
export function lineKey(line: Pick<CartLine, 'productId' | 'variantId'>): string {
  return line.variantId === undefined ? `p${line.productId}` : `v${line.variantId}`;
}

/** The line as an order line: its variant, or the product of a line saved without one. */
export function orderItem(line: CartLine) {
  return line.variantId === undefined
    ? { productId: line.productId, quantity: line.quantity }
    : { variantId: line.variantId, quantity: line.quantity };
}

const clampQuantity = (quantity: number) =>
  Math.max(0, Math.min(MAX_LINE_QUANTITY, Math.floor(quantity)));

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      const { line } = action;
      const key = lineKey(line);
      const existing = cart.lines.find((l) => lineKey(l) === key);
      if (existing) {
        const quantity = clampQuantity(existing.quantity + line.quantity);
        return {
          lines: cart.lines.map((l) => (lineKey(l) === key ? { ...l, ...line, quantity } : l)),
        };
      }
      const quantity = clampQuantity(line.quantity);
      if (quantity === 0 || cart.lines.length >= MAX_LINES) return cart;
      return { lines: [...cart.lines, { ...line, quantity }] };
    }
    case 'setQuantity': {
      const quantity = clampQuantity(action.quantity);
      if (quantity === 0) return cartReducer(cart, { type: 'remove', key: action.key });
      return {
        lines: cart.lines.map((l) => (lineKey(l) === action.key ? { ...l, quantity } : l)),
      };
    }
    case 'remove':
      return { lines: cart.lines.filter((l) => lineKey(l) !== action.key) };
    case 'clear':
      return emptyCart;
    case 'replace':
      return action.cart;
  }
}

export function cartCount(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** The subtotal at the given prices (the live ones), falling back to the snapshot. */
export function cartSubtotal(
  cart: Cart,
  priceOf: (line: CartLine) => number | undefined = () => undefined,
): number {
  return cart.lines.reduce(
    (sum, line) => sum + (priceOf(line) ?? line.priceCents) * line.quantity,
    0,
  );
}

// ── storage ───────────────────────────────────────────────────────────────

export const CART_STORAGE_KEY = 'stockpulse.cart.v1';

function isLine(value: unknown): value is CartLine {
  if (!value || typeof value !== 'object') return false;
  const line = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(line.productId) &&
    (line.productId as number) > 0 &&
    Number.isSafeInteger(line.quantity) &&
    (line.quantity as number) > 0 &&
    (line.variantId === undefined ||
      (Number.isSafeInteger(line.variantId) && (line.variantId as number) > 0)) &&
    (line.variantTitle === undefined || typeof line.variantTitle === 'string') &&
    typeof line.name === 'string' &&
    typeof line.sku === 'string' &&
    Number.isSafeInteger(line.priceCents) &&
    typeof line.imageUrl === 'string'
  );
}

/**
 * The cart stored under CART_STORAGE_KEY. Whatever is stored came from an older version
 * or another hand: malformed lines are dropped, quantities clamped, repeats merged.
 */
export function parseStoredCart(text: string | null): Cart {
  if (!text) return emptyCart;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return emptyCart;
  }
  const lines = (data as { lines?: unknown })?.lines;
  if (!Array.isArray(lines)) return emptyCart;
  let cart = emptyCart;
  for (const line of lines) {
    if (isLine(line)) cart = cartReducer(cart, { type: 'add', line });
  }
  return cart;
}

export function serializeCart(cart: Cart): string {
  return JSON.stringify({ lines: cart.lines });
}
