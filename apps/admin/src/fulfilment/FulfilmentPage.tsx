import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Printer, Truck } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { FulfilmentOrder } from '../lib/api-types';
import { ago, count, plural } from '../lib/format';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { StatusPill } from '../ui/StatusPill';
import { useNow } from '../ui/useNow';
import { BulkShipDialog } from './BulkShipDialog';
import { lineLabel, openLinesOfQueue } from './lines';
import { ShipDialog } from './ShipDialog';

const column = createColumnHelper<FulfilmentOrder>();

/**
 * The fulfilment queue (DESIGN §12): paid and partially shipped orders with open units,
 * oldest first, filtered by location (in the URL) with each location's count. Rows are
 * selected for a bulk ship; each row ships on its own through the Ship… dialog. Kept
 * fresh by live.ts on order events and `order:activity`.
 */
export function FulfilmentPage() {
  const [params, setParams] = useSearchParams();
  const locationId = Number(params.get('location')) || undefined;
  const pages = useCursorPages(String(locationId));
  const queue = useQuery({
    ...trpc.admin.fulfilment.queue.queryOptions({ locationId, cursor: pages.cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  const now = useNow(30_000);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [shipping, setShipping] = useState<FulfilmentOrder | null>(null);
  const [bulk, setBulk] = useState<FulfilmentOrder[] | null>(null);
  const items = queue.data?.items;
  // Only what is on screen can be selected: a row that left the queue leaves the selection.
  const chosen = useMemo(() => (items ?? []).filter((o) => selected.has(o.id)), [items, selected]);
  const allChosen = items !== undefined && items.length > 0 && chosen.length === items.length;
  const toggle = useCallback(
    (id: number) =>
      setSelected((before) => {
        const next = new Set(before);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const counts = queue.data?.counts;
  const locationName = counts?.find((c) => c.locationId === locationId)?.locationName;

  const columns = useMemo(
    () => [
      column.display({
        id: 'select',
        header: () => (
          <input
            type="checkbox"
            aria-label="Select every order on this page"
            checked={allChosen}
            onChange={() => setSelected(allChosen ? new Set() : new Set(items?.map((o) => o.id)))}
          />
        ),
        meta: { className: 'select-cell' },
        cell: ({ row: { original: o } }) => (
          <input
            type="checkbox"
            aria-label={`Select order #${o.id}`}
            checked={selected.has(o.id)}
            onChange={() => toggle(o.id)}
          />
        ),
      }),
      column.display({
        id: 'order',
        header: 'Order',
        cell: ({ row: { original: o } }) => (
          <div className="cell-two-line">
            <Link to={`/orders/${o.id}`} className="strong">
              #{o.id}
            </Link>
            <time className="muted small" dateTime={o.createdAt.toISOString()}>
              {ago(o.createdAt, now)}
            </time>
          </div>
        ),
      }),
      column.display({
        id: 'customer',
        header: 'Customer',
        cell: ({ row: { original: o } }) => (
          <div className="cell-two-line">
            <span>{o.customerName}</span>
            {o.status === 'partially_shipped' && <StatusPill status={o.status} />}
          </div>
        ),
      }),
      column.display({
        id: 'lines',
        header: 'Open lines',
        meta: { className: 'open-lines-cell' },
        cell: ({ row: { original: o } }) => (
          <ul className="open-lines">
            {openLinesOfQueue(o).map((line) => (
              <li key={line.orderDetailId}>
                <span className="strong">{count(line.open)} ×</span> {lineLabel(line)}{' '}
                <span className="muted small">
                  {line.openAt
                    .map(
                      (at) =>
                        `${at.locationName}${line.openAt.length > 1 ? ` ${at.quantity}` : ''}`,
                    )
                    .join(', ')}
                </span>
              </li>
            ))}
          </ul>
        ),
      }),
      column.display({
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: 'actions-cell' },
        cell: ({ row: { original: o } }) => (
          <div className="row-actions row-actions-stack">
            <button
              type="button"
              className="btn btn-small btn-primary"
              aria-label={`Ship order #${o.id}…`}
              onClick={() => setShipping(o)}
            >
              Ship…
            </button>
            <Link
              to={`/orders/${o.id}/packing-slip`}
              className="btn btn-small btn-ghost"
              aria-label={`Packing slip for order #${o.id}`}
            >
              <Printer size={14} aria-hidden="true" /> Slip
            </Link>
          </div>
        ),
      }),
    ],
    [allChosen, items, now, selected, toggle],
  );

  return (
    <>
      <PageHeader
        title="Fulfilment"
        subtitle="Paid orders with units still to ship, oldest first."
        actions={
          <button
            type="button"
            className="btn btn-primary"
            disabled={chosen.length === 0}
            onClick={() => setBulk(chosen)}
          >
            <Truck size={16} aria-hidden="true" />
            {chosen.length > 0 ? `Ship ${plural(chosen.length, 'order')}…` : 'Ship selected…'}
          </button>
        }
      />
      <section className="card">
        <div className="toolbar">
          <fieldset className="segmented segmented-scroll plain-fieldset">
            <legend className="sr-only">Location</legend>
            <button
              type="button"
              aria-pressed={locationId === undefined}
              onClick={() => {
                setSelected(new Set());
                setParams({}, { replace: true });
              }}
            >
              All locations
            </button>
            {counts?.map((c) => (
              <button
                key={c.locationId}
                type="button"
                aria-pressed={locationId === c.locationId}
                onClick={() => {
                  setSelected(new Set());
                  setParams({ location: String(c.locationId) }, { replace: true });
                }}
              >
                {c.locationName} <span className="segmented-count">{count(c.orders)}</span>
              </button>
            ))}
          </fieldset>
          {chosen.length > 0 && (
            <p className="muted" role="status">
              {plural(chosen.length, 'order')} selected
            </p>
          )}
        </div>
        <div className="fulfilment-list">
          <DataTable
            columns={columns}
            rows={items}
            loading={queue.isPending}
            busy={queue.isFetching}
            rowId={(o) => o.id}
            rowAttributes={(o) => ({
              'data-order-id': o.id,
              'data-status': o.status,
              ...(selected.has(o.id) ? { className: 'row-selected' } : {}),
            })}
            query={queue}
            empty={
              locationId
                ? 'Nothing left to ship from this location.'
                : 'Nothing to ship: every paid order has gone out.'
            }
          />
        </div>
        <CursorPager label="Fulfilment" pages={pages} nextCursor={queue.data?.nextCursor} />
      </section>
      {shipping && (
        <ShipDialog
          orderId={shipping.id}
          lines={openLinesOfQueue(shipping)}
          onClose={() => setShipping(null)}
        />
      )}
      {bulk && (
        <BulkShipDialog
          orders={bulk}
          locationId={locationId}
          locationName={locationName}
          onClose={() => setBulk(null)}
          onShipped={(ids) =>
            setSelected((before) => new Set([...before].filter((id) => !ids.includes(id))))
          }
        />
      )}
    </>
  );
}
