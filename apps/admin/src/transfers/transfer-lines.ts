/** A line of a transfer being drafted: a variant, what it is called, the quantity as typed. */
export interface DraftLine {
  variantId: number;
  sku: string;
  label: string;
  /** Available at the source when it was picked (a guide: the server checks on shipping). */
  available: number;
  quantity: string;
}

/** Adds a variant (one more unit when it is already listed). */
export function addLine(
  lines: readonly DraftLine[],
  pick: Omit<DraftLine, 'quantity'>,
): DraftLine[] {
  const held = lines.find((line) => line.variantId === pick.variantId);
  if (!held) return [...lines, { ...pick, quantity: '1' }];
  return lines.map((line) =>
    line === held ? { ...line, quantity: String((Number(line.quantity) || 0) + 1) } : line,
  );
}

/**
 * The lines for `admin.transfers.create`. A quantity that is not a whole number goes as
 * NaN, so the server's message names it; an empty list goes as is (the server refuses it).
 */
export function transferLines(lines: readonly DraftLine[]) {
  return lines.map((line) => ({
    variantId: line.variantId,
    quantity: /^\s*\d+\s*$/.test(line.quantity) ? Number(line.quantity) : Number.NaN,
  }));
}
