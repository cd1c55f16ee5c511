// @vitest-environment jsdom
import { createColumnHelper } from '@tanstack/react-table';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable } from './DataTable';

interface Row {
  id: number;
  name: string;
  units: number;
}

const column = createColumnHelper<Row>();
const columns = [
  column.display({ id: 'name', header: 'Name', cell: ({ row }) => row.original.name }),
  column.display({
    id: 'units',
    header: 'Units',
    meta: {
      numeric: true,
      className: (row: Row) => (row.units === 0 ? 'num text-warn' : 'num'),
      cellAttributes: { 'data-col': 'units' },
    },
    cell: ({ row }) => String(row.original.units),
  }),
];

afterEach(cleanup);

describe('DataTable', () => {
  it('shows skeleton rows while loading, one cell per column', () => {
    const { container } = render(
      <DataTable columns={columns} rows={undefined} loading rowId={(r) => r.id} skeletonRows={3} />,
    );
    expect(container.querySelectorAll('tbody[aria-busy="true"] tr')).toHaveLength(3);
    expect(container.querySelectorAll('tbody tr:first-child td')).toHaveLength(2);
    expect(container.querySelector('table')?.hasAttribute('aria-busy')).toBe(false);
  });

  it('renders plain headers and cells with their classes and attributes', () => {
    const { container } = render(
      <DataTable
        columns={columns}
        rows={[
          { id: 1, name: 'Lamp', units: 3 },
          { id: 2, name: 'Vase', units: 0 },
        ]}
        loading={false}
        rowId={(r) => r.id}
        rowAttributes={(r) => ({ 'data-row': r.id })}
        dense
        empty="Nothing here."
      />,
    );
    expect(container.querySelector('table')?.className).toBe('table table-dense');
    const headers = [...container.querySelectorAll('th')];
    expect(headers.map((th) => [th.textContent, th.className])).toEqual([
      ['Name', ''],
      ['Units', 'num'],
    ]);
    expect(container.querySelector('button')).toBeNull();
    const cells = [...container.querySelectorAll('td[data-col="units"]')];
    expect(cells.map((td) => td.className)).toEqual(['num', 'num text-warn']);
    expect(container.querySelector('tr[data-row="2"]')?.textContent).toBe('Vase0');
    expect(container.textContent).not.toContain('Nothing here.');
  });

  it('says so when the list is empty, and shows a failed query with a retry', () => {
    const { container, getByRole } = render(
      <DataTable
        columns={columns}
        rows={[]}
        loading={false}
        rowId={(r) => r.id}
        query={{ isError: true, error: new Error('boom'), refetch: () => undefined }}
        empty="Nothing here."
      />,
    );
    expect(container.querySelector('.state-empty')?.textContent).toBe('Nothing here.');
    expect(getByRole('alert').textContent).toContain('Try again');
  });
});
