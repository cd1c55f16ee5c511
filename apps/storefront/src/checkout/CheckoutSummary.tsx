import { formatCents } from '@stockpulse/shared/money';
import { Lock } from 'lucide-react';
import { plural } from '../lib/format';
import { FormError } from '../ui/Field';

/** The checkout's side panel: what it costs, what went wrong, and the one button. */
export function CheckoutSummary({
  itemCount,
  totalCents,
  problem,
  linesChanged,
  placing,
  ready,
}: {
  itemCount: number;
  totalCents: number;
  /** The server's refusal, in plain words. */
  problem: string | null;
  /** Live stock flagged a line since the page opened. */
  linesChanged: boolean;
  placing: boolean;
  /** The live prices are loaded (the total is the one the server will check). */
  ready: boolean;
}) {
  return (
    <aside className="summary-card" aria-label="Order summary">
      <h2>Order summary</h2>
      <dl className="summary-rows">
        <div>
          <dt>Items</dt>
          <dd>{plural(itemCount, 'item')}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>Free</dd>
        </div>
        <div className="summary-total">
          <dt>Total</dt>
          <dd data-testid="checkout-total">{formatCents(totalCents)}</dd>
        </div>
      </dl>
      <FormError message={problem} />
      {linesChanged && !problem && (
        <p className="notice notice-warning" role="status">
          Some items changed while you shopped; see the marked lines.
        </p>
      )}
      <button
        type="submit"
        className="button button-large button-block"
        disabled={placing || !ready}
        aria-busy={placing}
      >
        <Lock aria-hidden="true" size={16} />
        {placing ? 'Placing your order…' : 'Place order'}
      </button>
      <p className="muted small">
        Your card is authorized now and charged when the order ships. You can cancel until then.
      </p>
    </aside>
  );
}
