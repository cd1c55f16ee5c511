import { useLiveClient } from '@stockpulse/live';
import type { ImportProgress } from '@stockpulse/shared';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Upload } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { count, when } from '../lib/format';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { CursorPager, useCursorPages } from '../ui/Pager';
import { Empty, ErrorState, Loading } from '../ui/states';
import { num, TableHead } from '../ui/TableHead';
import { TableScroll } from '../ui/TableScroll';
import { ImportErrors } from './ImportErrors';
import { ImportProgressBar } from './ImportProgressBar';
import { uploadCatalogCsv } from './upload';
import './imports.css';

const EXPORTS = {
  products: '/admin/export/products.csv',
  inventory: '/admin/export/inventory.csv',
  orders: '/admin/export/orders.csv',
} as const;

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Catalog CSV import and export (DESIGN §11; the file's columns are in docs/csv.md): a
 * file picker that queues an import, its live progress (`import:progress` over the admin
 * socket), the past imports with what they came to, the refused rows of the one chosen,
 * and the three exports (orders over a range of days).
 */
export function ImportExportPage() {
  const queryClient = useQueryClient();
  const live = useLiveClient();
  const [progress, setProgress] = useState<Record<number, ImportProgress>>({});
  const [chosen, setChosen] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const pages = useCursorPages('imports');
  const list = useQuery({
    ...trpc.admin.imports.list.queryOptions({ cursor: pages.cursor, limit: 20 }),
    placeholderData: keepPreviousData,
  });

  useEffect(
    () =>
      live.subscribe((event) => {
        if (event.event !== 'import:progress') return;
        const payload = event.payload;
        setProgress((held) => ({ ...held, [payload.id]: payload }));
        // A new, ended or refusing import changes the list and its report: read them again.
        if (payload.status !== 'running' || payload.failed > (progress[payload.id]?.failed ?? 0)) {
          void queryClient.invalidateQueries(trpc.admin.imports.pathFilter());
        }
      }),
    [live, queryClient, progress],
  );

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setSending(true);
    try {
      const { importId } = await uploadCatalogCsv(file);
      toast.success(`Import #${importId} queued`);
      setChosen(importId);
      setFile(null);
      (event.target as HTMLFormElement).reset();
      void queryClient.invalidateQueries(trpc.admin.imports.pathFilter());
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setSending(false);
    }
  }

  // The live figures where an event came, else the list's.
  const items = (list.data?.items ?? []).map((item) => ({ ...item, ...progress[item.id] }));
  const current = items.find((item) => item.status === 'queued' || item.status === 'running');
  const shown =
    chosen === null ? current : (items.find((i) => i.id === chosen) ?? progress[chosen]);

  const [from, setFrom] = useState(day(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(day(new Date()));
  const ordersHref = `${EXPORTS.orders}?${new URLSearchParams({ from, to })}`;

  return (
    <>
      <PageHeader
        title="Import & export"
        subtitle="Products, variants and stock from a CSV file; products, stock and orders to one."
      />
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">Import products</h2>
        <p className="muted">
          One row per variant, grouped by product_sku; stock:CODE columns set on hand per location.
          A SKU that exists is updated only where the file differs. Start from an export, or the
          sample in docs/samples/products.csv.
        </p>
        <form className="import-upload" onSubmit={send}>
          <div className="field">
            <label htmlFor="import-file">CSV file</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={!file || sending}>
            <Upload size={16} aria-hidden="true" /> {sending ? 'Uploading…' : 'Import'}
          </button>
        </form>
        {shown && <ImportProgressBar progress={shown} />}
      </section>

      <section className="card" aria-labelledby="imports-title">
        <h2 id="imports-title">Past imports</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={list.refetch} />
        ) : items.length === 0 ? (
          <Empty>No imports yet.</Empty>
        ) : (
          <>
            <TableScroll>
              <table className="table">
                <TableHead
                  columns={[
                    'Import',
                    'Status',
                    num('Rows'),
                    num('Created'),
                    num('Updated'),
                    num('Unchanged'),
                    num('Failed'),
                    { key: 'actions', label: <span className="sr-only">Actions</span> },
                  ]}
                />
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id} className={item.id === chosen ? 'import-chosen' : undefined}>
                      <td>
                        <div className="cell-two-line">
                          <span className="strong">
                            #{item.id} {item.fileName}
                          </span>
                          <span className="muted">
                            {item.createdByName} · {when(item.createdAt)}
                          </span>
                        </div>
                      </td>
                      <td>{item.status}</td>
                      <td className="num">{count(item.total)}</td>
                      <td className="num">{count(item.created)}</td>
                      <td className="num">{count(item.updated)}</td>
                      <td className="num">{count(item.unchanged)}</td>
                      <td className="num">{count(item.failed)}</td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setChosen(item.id)}
                        >
                          Report
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <CursorPager label="Imports" pages={pages} nextCursor={list.data.nextCursor} />
          </>
        )}
      </section>

      {chosen !== null && <ImportErrors importId={chosen} />}

      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        <div className="export-links">
          <a className="btn" href={EXPORTS.products} download>
            <Download size={16} aria-hidden="true" /> Products (re-importable)
          </a>
          <a className="btn" href={EXPORTS.inventory} download>
            <Download size={16} aria-hidden="true" /> Stock per location
          </a>
        </div>
        <form className="export-orders" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="orders-from">Orders from</label>
            <input
              id="orders-from"
              type="date"
              value={from}
              max={to}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="orders-to">to</label>
            <input
              id="orders-to"
              type="date"
              value={to}
              min={from}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <a className="btn" href={ordersHref} download aria-disabled={!from || !to || to < from}>
            <Download size={16} aria-hidden="true" /> Orders
          </a>
        </form>
      </section>
    </>
  );
}
