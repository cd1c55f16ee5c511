import type { ReturnDisposition } from '@stockpulse/shared';

/** A returned line as staff receive it: what is still expected back, what they count. */
export interface ReceiveDraft {
  orderDetailId: number;
  name: string;
  expected: number;
  quantity: string;
  disposition: ReturnDisposition;
}

/** The return's lines with units still expected back, each defaulting to all of them restocked. */
export function receiveDrafts(
  lines: readonly {
    orderDetailId: number;
    name: string;
    quantity: number;
    restockedQuantity: number;
    damagedQuantity: number;
  }[],
): ReceiveDraft[] {
  return lines
    .map((line) => ({
      orderDetailId: line.orderDetailId,
      name: line.name,
      expected: line.quantity - line.restockedQuantity - line.damagedQuantity,
      quantity: '',
      disposition: 'restock' as ReturnDisposition,
    }))
    .filter((line) => line.expected > 0)
    .map((line) => ({ ...line, quantity: String(line.expected) }));
}

/**
 * The lines for `admin.returns.receive` (blank or 0 is none) and, by line, what is wrong
 * with a typed quantity: not a whole number, or more than is expected back.
 */
export function receiveLines(drafts: readonly ReceiveDraft[]) {
  const lines: { orderDetailId: number; quantity: number; disposition: ReturnDisposition }[] = [];
  const problems = new Map<number, string>();
  for (const draft of drafts) {
    const text = draft.quantity.trim();
    if (text === '') continue;
    if (!/^\d+$/.test(text)) {
      problems.set(draft.orderDetailId, 'Enter a whole number');
      continue;
    }
    const quantity = Number(text);
    if (quantity > draft.expected) {
      problems.set(draft.orderDetailId, `At most ${draft.expected} expected back`);
      continue;
    }
    if (quantity > 0)
      lines.push({ orderDetailId: draft.orderDetailId, quantity, disposition: draft.disposition });
  }
  return { lines, problems };
}
