import type { ReactNode } from 'react';

/** A column of a plain table: its heading, right-aligned when it holds figures. */
export type HeadColumn = string | { label: ReactNode; key: string; numeric?: boolean };

/** The <thead> of a plain (non-DataTable) table, one row of column headings. */
export function TableHead({ columns }: { columns: HeadColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { label, key, numeric } =
            typeof column === 'string' ? { label: column, key: column, numeric: false } : column;
          return (
            <th key={key} scope="col" className={numeric ? 'num' : undefined}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A figures column. */
export const num = (label: string): HeadColumn => ({ label, key: label, numeric: true });
