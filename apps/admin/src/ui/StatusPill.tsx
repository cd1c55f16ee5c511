import { humanize } from '../lib/format';

/** A coloured pill for an order, restock or job status; the colour comes from the CSS. */
export function StatusPill({ status }: { status: string }) {
  return <span className={`pill pill-${status}`}>{humanize(status)}</span>;
}
