import { apiError, isNetworkError } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import type { LineIssue } from '../cart/CartLineRow';

/**
 * What a refused orders.place means for the checkout page: problems pinned to the exact
 * lines (with a one-click fix), fields of the address form, or a plain sentence.
 */
export interface PlaceProblem {
  message: string;
  /** Per cart line (`lineKey`): what is wrong with that line and how to fix it. */
  lines: Map<string, LineIssue>;
  /** Address field → message (client-side or server zod errors). */
  fields: Record<string, string>;
  /** What the page should do besides showing the message. */
  action: 'none' | 'signIn' | 'refreshPrices' | 'newAttempt' | 'showAddress';
}

interface ShortItem {
  productId: number;
  variantId?: number | null;
  name?: string | null;
  requested?: number;
  available?: number;
}

function itemsOf(details: Record<string, unknown> | null | undefined): ShortItem[] {
  const items = details?.items;
  return Array.isArray(items)
    ? items.filter((item): item is ShortItem => Number.isSafeInteger(item?.productId))
    : [];
}

/**
 * The cart lines an item of a refusal is about: its variant's line, and a line saved
 * without a variant for its product (`lineKey` in cart.ts).
 */
function setFor(lines: Map<string, LineIssue>, item: ShortItem, issue: LineIssue) {
  if (Number.isSafeInteger(item.variantId)) lines.set(`v${item.variantId}`, issue);
  lines.set(`p${item.productId}`, issue);
}

const problem = (message: string, extra: Partial<PlaceProblem> = {}): PlaceProblem => ({
  message,
  lines: new Map(),
  fields: {},
  action: 'none',
  ...extra,
});

export function describePlaceError(error: unknown): PlaceProblem {
  if (isNetworkError(error)) {
    // Same key on the retry: if the first try did reach the server, no second order.
    return problem('We couldn’t reach the shop. Check your connection and place the order again.');
  }
  const { cause, code, details, fieldErrors } = apiError(error);
  switch (cause) {
    case 'OUT_OF_STOCK': {
      const lines = new Map<string, LineIssue>();
      for (const item of itemsOf(details)) {
        const available = Math.max(0, item.available ?? 0);
        setFor(lines, item, {
          message:
            available === 0
              ? 'Sold out: there are none left'
              : `Only ${available} left: we couldn’t reserve ${item.requested ?? 'that many'}`,
          fixQuantity: available,
        });
      }
      return problem(
        'Some items sold out while you were checking out. Adjust the marked lines and place the order again.',
        { lines },
      );
    }
    case 'PRODUCT_UNAVAILABLE': {
      const lines = new Map<string, LineIssue>();
      for (const item of itemsOf(details)) {
        setFor(lines, item, { message: 'No longer sold', fixQuantity: 0 });
      }
      return problem('Some items are no longer sold. Remove them to continue.', { lines });
    }
    case 'VARIANT_REQUIRED': {
      // A line saved before its product came in options: it must be picked again.
      const lines = new Map<string, LineIssue>();
      for (const item of itemsOf(details)) {
        lines.set(`p${item.productId}`, {
          message: 'Now sold in options: remove it and pick one on its page',
          fixQuantity: 0,
        });
      }
      return problem('Some items now come in options. Pick one on their pages.', { lines });
    }
    case 'PRICE_CHANGED': {
      const total = details?.totalCents;
      return problem(
        typeof total === 'number'
          ? `Prices changed since you opened checkout: the total is now ${formatCents(total)}. Review it and place the order again.`
          : 'Prices changed since you opened checkout. Review the new total and place the order again.',
        { action: 'refreshPrices' },
      );
    }
    case 'SHIPPING_ADDRESS_REQUIRED':
      return problem('Add a shipping address to place the order.', { action: 'showAddress' });
    case 'ORDER_TOO_LARGE':
      return problem('This order is larger than one order may be. Split it into smaller orders.');
    case 'IDEMPOTENCY_KEY_REUSED':
      return problem('Your cart changed during checkout. Please place the order again.', {
        action: 'newAttempt',
      });
    default:
      break;
  }
  switch (code) {
    case 'UNAUTHORIZED':
      return problem('Your session ended. Sign in again to place the order.', { action: 'signIn' });
    case 'FORBIDDEN':
      return problem('Orders are for customer accounts. Sign in with a customer account.');
    case 'BAD_REQUEST':
      return problem('Some details need fixing before we can place the order.', {
        fields: fieldErrors,
        action: 'showAddress',
      });
    case 'TOO_MANY_REQUESTS':
      return problem('Too many attempts. Wait a moment and place the order again.');
    default:
      return problem(
        'Something went wrong on our side. Please try again: placing it again never creates a second order.',
      );
  }
}
