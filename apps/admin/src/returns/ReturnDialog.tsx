import { RETURN_DISPOSITIONS, type ReturnDisposition } from '@stockpulse/shared';
import { formatCents } from '@stockpulse/shared/money';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import type { StaffReturn } from '../lib/api-types';
import { describeError, refundExceedsMessage } from '../lib/errors';
import { count, humanize, plural, when } from '../lib/format';
import { centsToInput, parseDollars } from '../lib/money-input';
import { trpc } from '../trpc';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { StatusPill } from '../ui/StatusPill';
import { type ReceiveDraft, receiveDrafts, receiveLines } from './receive-lines';

/**
 * One return (DESIGN §12) and the step its status allows: approve or reject a request,
 * receive an approved one's units (restock or damaged, line by line), refund what came back
 * (the received units' price by default, or another amount).
 */
export function ReturnDialog(props: { ret: StaffReturn; onClose: () => void }) {
  // The list's row to start with; the return itself once fetched (kept fresh after each step).
  const fetched = useQuery(trpc.admin.returns.byId.queryOptions({ id: props.ret.id }));
  const ret = fetched.data ?? props.ret;
  const queryClient = useQueryClient();
  const done = (message: string) => {
    void queryClient.invalidateQueries(trpc.admin.returns.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.orders.byId.queryFilter({ id: ret.orderId }));
    void queryClient.invalidateQueries(trpc.admin.sales.pathFilter());
    toast.success(message);
  };
  const approve = useMutation(
    trpc.admin.returns.approve.mutationOptions({
      onSuccess: () => done(`Return #${ret.id} approved`),
    }),
  );
  const failure = approve.error;
  return (
    <Dialog
      title={`Return #${ret.id}`}
      wide
      onClose={props.onClose}
      footer={
        <button type="button" className="btn" data-close onClick={props.onClose}>
          Close
        </button>
      }
    >
      <div className="return-head">
        <p>
          For <Link to={`/orders/${ret.orderId}`}>order #{ret.orderId}</Link> of{' '}
          <Link to={`/customers/${ret.customerId}`}>{ret.customerName}</Link> · asked{' '}
          {when(ret.createdAt)} · <StatusPill status={ret.status} />
        </p>
        <p className="muted">Reason: “{ret.reason}”</p>
        {ret.rejectReason && <p className="notice">Rejected: {ret.rejectReason}</p>}
      </div>
      <table className="table table-compact" aria-label="Returned lines">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col" className="num">
              Asked
            </th>
            <th scope="col" className="num">
              Restocked
            </th>
            <th scope="col" className="num">
              Damaged
            </th>
            <th scope="col" className="num">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {ret.lines.map((line) => (
            <tr key={line.orderDetailId}>
              <td>{line.name}</td>
              <td className="num">{count(line.quantity)}</td>
              <td className="num">{count(line.restockedQuantity)}</td>
              <td className="num">{count(line.damagedQuantity)}</td>
              <td className="num">{formatCents(line.unitPriceCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Asked {formatCents(ret.requestedCents)} · received {formatCents(ret.receivedCents)} ·
        refunded {formatCents(ret.refundedCents)}
      </p>
      {ret.status === 'requested' && (
        <div className="return-step">
          <button
            type="button"
            className="btn btn-primary"
            disabled={approve.isPending}
            onClick={() => approve.mutate({ id: ret.id })}
          >
            {approve.isPending ? 'Approving…' : 'Approve'}
          </button>
          <RejectForm ret={ret} onDone={done} />
        </div>
      )}
      {/* Keyed by what came back so far: each receipt starts the form over from what is left. */}
      {ret.status === 'approved' && <ReceiveForm key={received(ret)} ret={ret} onDone={done} />}
      {(ret.status === 'received' || (ret.status === 'approved' && ret.receivedCents > 0)) && (
        <RefundForm key={`${ret.receivedCents}-${ret.refundedCents}`} ret={ret} onDone={done} />
      )}
      {failure && (
        <p className="form-error" role="alert">
          {describeError(failure)}
        </p>
      )}
    </Dialog>
  );
}

const received = (ret: StaffReturn) =>
  ret.lines.map((l) => l.restockedQuantity + l.damagedQuantity).join('-');

function RejectForm({ ret, onDone }: { ret: StaffReturn; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reject = useMutation(
    trpc.admin.returns.reject.mutationOptions({
      onSuccess: () => onDone(`Return #${ret.id} rejected`),
    }),
  );
  if (!open) {
    return (
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
        Reject…
      </button>
    );
  }
  return (
    <form
      className="form return-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) reject.mutate({ id: ret.id, reason: reason.trim() });
      }}
    >
      <Field
        label="Why it is rejected (shown to the customer)"
        error={reject.isError ? describeError(reject.error) : null}
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={2}
            maxLength={255}
            required
            value={reason}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <div className="row">
        <button
          type="submit"
          className="btn btn-danger"
          disabled={reject.isPending || !reason.trim()}
        >
          {reject.isPending ? 'Rejecting…' : 'Reject return'}
        </button>
      </div>
    </form>
  );
}

function ReceiveForm({ ret, onDone }: { ret: StaffReturn; onDone: (message: string) => void }) {
  const [drafts, setDrafts] = useState<ReceiveDraft[]>(() => receiveDrafts(ret.lines));
  const [tried, setTried] = useState(false);
  const receive = useMutation(
    trpc.admin.returns.receive.mutationOptions({
      onSuccess: (_, input) =>
        onDone(
          `Return #${ret.id}: ${plural(
            input.lines.reduce((n, l) => n + l.quantity, 0),
            'unit',
          )} received`,
        ),
    }),
  );
  const { lines, problems } = receiveLines(drafts);
  const edit = (id: number, change: Partial<ReceiveDraft>) =>
    setDrafts((before) => before.map((d) => (d.orderDetailId === id ? { ...d, ...change } : d)));
  if (drafts.length === 0) return null;
  return (
    <form
      className="form return-form"
      aria-labelledby={`receive-${ret.id}`}
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (problems.size === 0 && lines.length > 0) receive.mutate({ id: ret.id, lines });
      }}
    >
      <h3 id={`receive-${ret.id}`}>Receive the parcel</h3>
      <p className="muted small">
        Restocked units go back on sale; damaged ones are counted on hand but set aside.
      </p>
      <table className="table table-compact qty-table" aria-label="Units received">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              Received
            </th>
            <th scope="col">As</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d) => {
            const problem = problems.get(d.orderDetailId);
            const problemId = `receive-problem-${d.orderDetailId}`;
            return (
              <tr key={d.orderDetailId}>
                <td>{d.name}</td>
                <td className="num">{count(d.expected)}</td>
                <td className="num">
                  <input
                    className="qty-input"
                    inputMode="numeric"
                    aria-label={`Units of ${d.name} received`}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? problemId : undefined}
                    value={d.quantity}
                    onChange={(event) => edit(d.orderDetailId, { quantity: event.target.value })}
                  />
                  {problem && (
                    <span id={problemId} className="field-error small qty-problem">
                      {problem}
                    </span>
                  )}
                </td>
                <td>
                  <select
                    aria-label={`Condition of ${d.name}`}
                    value={d.disposition}
                    onChange={(event) =>
                      edit(d.orderDetailId, {
                        disposition: event.target.value as ReturnDisposition,
                      })
                    }
                  >
                    {RETURN_DISPOSITIONS.map((value) => (
                      <option key={value} value={value}>
                        {value === 'restock' ? 'Restock' : humanize(value)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {tried && lines.length === 0 && problems.size === 0 && (
        <p className="field-error" role="alert">
          Count at least one unit.
        </p>
      )}
      {receive.isError && (
        <p className="form-error" role="alert">
          {describeError(receive.error)}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={receive.isPending}>
          {receive.isPending ? 'Saving…' : 'Receive'}
        </button>
      </div>
    </form>
  );
}

function RefundForm({ ret, onDone }: { ret: StaffReturn; onDone: (message: string) => void }) {
  const suggested = Math.max(0, ret.receivedCents - ret.refundedCents);
  const [text, setText] = useState(() => centsToInput(suggested));
  const [tried, setTried] = useState(false);
  const refund = useMutation(
    trpc.admin.returns.refund.mutationOptions({
      onSuccess: (result) =>
        onDone(`Return #${ret.id}: ${formatCents(result.amountCents)} refunded`),
    }),
  );
  const cents = parseDollars(text);
  const typedError =
    cents === null
      ? 'Enter an amount in dollars, like 12.50'
      : cents <= 0
        ? 'Enter an amount above $0.00'
        : null;
  const serverError = refund.isError
    ? (refundExceedsMessage(refund.error, formatCents) ?? describeError(refund.error))
    : null;
  return (
    <form
      className="form return-form"
      aria-labelledby={`refund-${ret.id}`}
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (cents === null || cents <= 0) return;
        refund.mutate({ id: ret.id, amountCents: cents === suggested ? null : cents });
      }}
    >
      <h3 id={`refund-${ret.id}`}>Refund</h3>
      <Field
        label="Amount (dollars)"
        error={(tried ? typedError : null) ?? serverError}
        hint={`The received units at the price paid: ${formatCents(suggested)}. Lower it for a fee.`}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            inputMode="decimal"
            className="money-input"
            value={text}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={refund.isPending}>
          {refund.isPending
            ? 'Refunding…'
            : `Refund ${cents !== null && cents > 0 ? formatCents(cents) : ''}`.trim()}
        </button>
      </div>
    </form>
  );
}
