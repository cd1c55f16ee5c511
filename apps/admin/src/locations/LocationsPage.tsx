import { createColumnHelper } from '@tanstack/react-table';
import { Archive, Pencil, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { count } from '../lib/format';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { ArchiveLocationDialog } from './ArchiveLocationDialog';
import { LocationDialog } from './LocationDialog';
import { type Location, useLocations } from './useLocations';

const column = createColumnHelper<Location>();

type Open = { kind: 'create' } | { kind: 'edit' | 'archive'; location: Location } | null;

/** Where stock is kept: by priority (the order orders are allocated in), archived last. */
export function LocationsPage() {
  const { query, all } = useLocations();
  const [open, setOpen] = useState<Open>(null);
  const columns = useMemo(
    () => [
      column.display({
        id: 'priority',
        header: 'Priority',
        meta: { numeric: true },
        cell: ({ row }) => count(row.original.priority),
      }),
      column.display({
        id: 'name',
        header: 'Location',
        cell: ({ row: { original: l } }) => (
          <div className="cell-two-line">
            <span className="strong">{l.name}</span>
            <span className="muted">{l.code}</span>
          </div>
        ),
      }),
      column.display({ id: 'country', header: 'Country', cell: ({ row }) => row.original.country }),
      column.display({
        id: 'online',
        header: 'Online orders',
        cell: ({ row }) =>
          row.original.fulfilsOnline ? (
            <span className="pill pill-active">Fulfils</span>
          ) : (
            <span className="pill">Not online</span>
          ),
      }),
      column.display({
        id: 'status',
        header: 'Status',
        cell: ({ row }) => (
          <span className={row.original.active ? 'pill pill-received' : 'pill pill-archived'}>
            {row.original.active ? 'Active' : 'Archived'}
          </span>
        ),
      }),
      column.display({
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: 'actions-cell' },
        cell: ({ row: { original: l } }) =>
          l.active ? (
            <div className="row-actions">
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Edit ${l.name}`}
                onClick={() => setOpen({ kind: 'edit', location: l })}
              >
                <Pencil size={14} aria-hidden="true" /> <span className="btn-text">Edit</span>
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={`Archive ${l.name}`}
                onClick={() => setOpen({ kind: 'archive', location: l })}
              >
                <Archive size={14} aria-hidden="true" /> <span className="btn-text">Archive</span>
              </button>
            </div>
          ) : null,
      }),
    ],
    [],
  );
  return (
    <>
      <PageHeader
        title="Locations"
        subtitle="Warehouses and stores. Orders take stock from the lowest priority number first."
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setOpen({ kind: 'create' })}
          >
            <Plus size={16} aria-hidden="true" /> New location
          </button>
        }
      />
      <section className="card">
        <DataTable
          columns={columns}
          rows={all}
          loading={query.isPending}
          rowId={(l) => l.id}
          rowAttributes={(l) => ({ 'data-location-id': l.id })}
          query={query}
          empty="No locations yet."
        />
      </section>
      {open?.kind === 'create' && <LocationDialog location={null} onClose={() => setOpen(null)} />}
      {open?.kind === 'edit' && (
        <LocationDialog location={open.location} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'archive' && (
        <ArchiveLocationDialog location={open.location} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
