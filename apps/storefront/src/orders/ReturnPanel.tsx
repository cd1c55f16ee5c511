import type { ReturnStatus } from '@stockpulse/shared/fulfilment';
import { useState } from 'react';
import { formatDate, plural } from '../lib/format';
import { FormError } from '../ui/Field';
import { RETURN_STATUS_LABELS } from './payment-status';
import { UnitLines } from './UnitLines';

export interface ReturnableLine {
  orderDetailId: number;
  name: string;
  returnableQuantity: number;
}

export interface ReturnView {
  id: number;
  status: ReturnStatus;
  reason: string;
  rejectReason: string | null;
  createdAt: Date;
  lines: { orderDetailId: number; quantity: number }[];
}

export interface ReturnRequest {
  lines: { orderDetailId: number; quantity: number }[];
  reason: string;
}

/**
 * The order's returns, each with where it stands, and (while some units may still go back
 * and the window is open) the form to ask for one: how many of each line, and why.
 */
export function ReturnPanel({
  returns,
  returnable,
  windowEndsAt,
  lineName,
  onRequest,
  requesting,
  problem,
}: {
  returns: readonly ReturnView[];
  returnable: readonly ReturnableLine[];
  /** The last day a return may be asked for, or null before delivery. */
  windowEndsAt: Date | null;
  lineName: (orderDetailId: number) => string;
  onRequest: (request: ReturnRequest) => Promise<void>;
  requesting: boolean;
  problem: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [reason, setReason] = useState('');
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const canReturn = returnable.some((line) => line.returnableQuantity > 0);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const lines = returnable
      .map((line) => ({
        orderDetailId: line.orderDetailId,
        quantity: quantities[line.orderDetailId] ?? 0,
      }))
      .filter((line) => line.quantity > 0);
    if (lines.length === 0) return setFormProblem('Choose at least one item to return.');
    if (reason.trim().length < 3)
      return setFormProblem('Tell us briefly why you are returning it.');
    setFormProblem(null);
    try {
      await onRequest({ lines, reason: reason.trim() });
    } catch {
      return; // the form stays open; the page shows the server's answer as `problem`
    }
    setOpen(false);
    setQuantities({});
    setReason('');
  };

  return (
    <div className="after-sale">
      {returns.length > 0 && (
        <ol className="return-list" aria-label="Returns">
          {returns.map((item) => (
            <li
              key={item.id}
              className="return-item"
              data-testid="return"
              data-status={item.status}
            >
              <strong>Return #{item.id}</strong>{' '}
              <span className="muted small">asked for {formatDate(item.createdAt)}</span>
              <p className="return-status" data-testid="return-status">
                {RETURN_STATUS_LABELS[item.status]}
                {item.rejectReason ? `: ${item.rejectReason}` : ''}
              </p>
              <UnitLines lines={item.lines} lineName={lineName} />
            </li>
          ))}
        </ol>
      )}
      {canReturn && windowEndsAt && !open && (
        <div>
          <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
            Return items
          </button>
          <p className="muted small">You can ask for a return until {formatDate(windowEndsAt)}.</p>
        </div>
      )}
      {canReturn && windowEndsAt && open && (
        <form className="return-form" onSubmit={submit} aria-label="Request a return" noValidate>
          {returnable
            .filter((line) => line.returnableQuantity > 0)
            .map((line) => (
              <label key={line.orderDetailId} className="return-form-line">
                <span>
                  {line.name}{' '}
                  <span className="muted small">
                    ({plural(line.returnableQuantity, 'item')} returnable)
                  </span>
                </span>
                <input
                  type="number"
                  name={`return-${line.orderDetailId}`}
                  min={0}
                  max={line.returnableQuantity}
                  value={quantities[line.orderDetailId] ?? 0}
                  onChange={(event) =>
                    setQuantities((current) => ({
                      ...current,
                      [line.orderDetailId]: Math.max(
                        0,
                        Math.min(
                          line.returnableQuantity,
                          Math.floor(Number(event.target.value) || 0),
                        ),
                      ),
                    }))
                  }
                />
              </label>
            ))}
          <label>
            Why are you returning it?
            <textarea
              name="returnReason"
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
          <FormError message={formProblem ?? problem} />
          <div className="button-row">
            <button type="submit" className="button" disabled={requesting} aria-busy={requesting}>
              {requesting ? 'Sending…' : 'Request return'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setOpen(false)}
            >
              Never mind
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
