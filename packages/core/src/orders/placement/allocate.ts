/**
 * Allocation at placement (DESIGN §11), with no database: which location each line's
 * units are reserved at. The whole order from one location that can fill all of it, the
 * first by priority, if there is one (one parcel); else each line from one location that
 * can fill the line, by priority; else the line split over locations by priority.
 */

/** What one location that fulfils online orders has of one variant now. */
export interface LocationAvailable {
  locationId: number;
  /** Lower first; ties by location id. */
  priority: number;
  available: number;
}

export interface Allocation {
  locationId: number;
  quantity: number;
}

export interface AllocationLine {
  variantId: number;
  quantity: number;
}

const byPriority = (a: LocationAvailable, b: LocationAvailable) =>
  a.priority - b.priority || a.locationId - b.locationId;

/**
 * Each line's allocations, in the lines' order, or null when some line's variant has less
 * available over all its locations than the line asks for.
 */
export function allocate(
  lines: readonly AllocationLine[],
  stock: ReadonlyMap<number, readonly LocationAvailable[]>,
): Allocation[][] | null {
  const at = (variantId: number) => [...(stock.get(variantId) ?? [])].sort(byPriority);
  const places = new Map<number, LocationAvailable>();
  for (const line of lines) for (const row of at(line.variantId)) places.set(row.locationId, row);
  const whole = [...places.values()]
    .sort(byPriority)
    .find((place) =>
      lines.every(
        (line) =>
          (at(line.variantId).find((row) => row.locationId === place.locationId)?.available ?? 0) >=
          line.quantity,
      ),
    );
  if (whole)
    return lines.map((line) => [{ locationId: whole.locationId, quantity: line.quantity }]);

  const allocations: Allocation[][] = [];
  for (const line of lines) {
    const rows = at(line.variantId);
    const one = rows.find((row) => row.available >= line.quantity);
    if (one) {
      allocations.push([{ locationId: one.locationId, quantity: line.quantity }]);
      continue;
    }
    const split: Allocation[] = [];
    let left = line.quantity;
    for (const row of rows) {
      if (left === 0) break;
      const take = Math.min(left, Math.max(0, row.available));
      if (take > 0) split.push({ locationId: row.locationId, quantity: take });
      left -= take;
    }
    if (left > 0) return null;
    allocations.push(split.sort((a, b) => a.locationId - b.locationId));
  }
  return allocations;
}
