import { apiError } from '@stockpulse/live';
import { describeError } from '../lib/errors';
import { lineLabel, type OpenLine } from './lines';

/**
 * A refused ship or cancel, in the operator's words, by its cause: OVER_FULFILMENT names
 * each line and what is still open (someone shipped or cancelled it first); a status
 * conflict says the order moved; anything else is the server's message.
 */
export function describeLinesError(error: unknown, lines: readonly OpenLine[]): string {
  const info = apiError(error);
  if (info.cause === 'OVER_FULFILMENT') {
    const over = (info.details?.lines ?? []) as { orderDetailId: number; open: number }[];
    if (over.length === 0) return 'Nothing is left open to ship: the order changed meanwhile.';
    const named = over.map((o) => {
      const line = lines.find((l) => l.orderDetailId === o.orderDetailId);
      return `${line ? lineLabel(line) : `line ${o.orderDetailId}`}: only ${o.open} open`;
    });
    return `More than is open — ${named.join('; ')}. Someone may have shipped or cancelled units meanwhile.`;
  }
  if (info.cause === 'ILLEGAL_TRANSITION') {
    return `${info.message}. The order changed meanwhile; reload to see it as it is now.`;
  }
  return describeError(error);
}
