import { stockLabel, stockLevel } from './stock';

/**
 * The live availability of a product. `version` is the live stock version (absent until
 * a change arrives): the badge is keyed on it, so each change remounts it and replays
 * the flash animation once, a subtle cue that someone just bought or restocked.
 */
export function StockBadge({ available, version }: { available: number; version?: number }) {
  return (
    <span
      key={version ?? 'initial'}
      className={`stock-badge stock-${stockLevel(available)}${version ? ' stock-changed' : ''}`}
      data-testid="stock-badge"
    >
      {stockLabel(available)}
    </span>
  );
}
