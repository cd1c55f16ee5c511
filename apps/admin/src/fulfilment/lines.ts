import type { AdminOrder, FulfilmentOrder } from '../lib/api-types';

/** Open units of a line at one location (allocated − shipped − cancelled there). */
export interface OpenAt {
  locationId: number;
  locationName: string;
  quantity: number;
}

/** A line as the ship and cancel dialogs show it: what it is and where its open units are. */
export interface OpenLine {
  orderDetailId: number;
  name: string;
  variantTitle: string;
  sku: string;
  /** Ordered − shipped − cancelled. */
  open: number;
  openAt: OpenAt[];
}

/** "Tee (M / Red)": a line's name with its variant when it has one. */
export const lineLabel = (line: { name: string; variantTitle: string }) =>
  line.variantTitle ? `${line.name} (${line.variantTitle})` : line.name;

/** The fulfilment queue's lines, with their open units summed. */
export function openLinesOfQueue(order: FulfilmentOrder): OpenLine[] {
  return order.lines
    .map((line) => ({
      orderDetailId: line.orderDetailId,
      name: line.name,
      variantTitle: line.variantTitle,
      sku: line.sku,
      open: line.quantity - line.shippedQuantity - line.cancelledQuantity,
      openAt: line.open,
    }))
    .filter((line) => line.open > 0);
}

/** The order page's lines (admin.orders.byId), open units per allocation. */
export function openLinesOfOrder(order: AdminOrder): OpenLine[] {
  return order.lines.flatMap((line) => {
    const open = line.quantity - (line.shippedQuantity ?? 0) - (line.cancelledQuantity ?? 0);
    if (line.orderDetailId === undefined || open <= 0) return [];
    return [
      {
        orderDetailId: line.orderDetailId,
        name: line.name,
        variantTitle: line.variantTitle,
        sku: line.sku,
        open,
        openAt: line.allocations
          .map((a) => ({
            locationId: a.locationId,
            locationName: a.locationName,
            quantity: a.quantity - a.shippedQuantity - a.cancelledQuantity,
          }))
          .filter((a) => a.quantity > 0),
      },
    ];
  });
}

/** The locations the lines have open units at, once each, by id. */
export function locationsOf(lines: readonly OpenLine[]): { id: number; name: string }[] {
  const byId = new Map<number, string>();
  for (const line of lines) for (const at of line.openAt) byId.set(at.locationId, at.locationName);
  return [...byId].sort((a, b) => a[0] - b[0]).map(([id, name]) => ({ id, name }));
}

/** What a line has open at `locationId`, or in all when null. */
export const openAtLocation = (line: OpenLine, locationId: number | null) =>
  locationId === null
    ? line.open
    : (line.openAt.find((at) => at.locationId === locationId)?.quantity ?? 0);

export type QuantityProblem = 'not-whole' | 'too-many';

export interface QuantityCheck {
  /** The lines to send (quantity > 0). */
  lines: { orderDetailId: number; quantity: number }[];
  /** By orderDetailId: what is wrong with the typed quantity. */
  problems: Map<number, string>;
  units: number;
}

/**
 * The quantities typed per line, checked against what is open (at the chosen location):
 * blank is 0, anything but a whole number from 0 up to the open units is a problem named
 * for the line. Nothing chosen is `units === 0` (the dialog says so).
 */
export function checkQuantities(
  lines: readonly OpenLine[],
  typed: ReadonlyMap<number, string>,
  locationId: number | null = null,
): QuantityCheck {
  const chosen: QuantityCheck['lines'] = [];
  const problems = new Map<number, string>();
  let units = 0;
  for (const line of lines) {
    const text = (typed.get(line.orderDetailId) ?? '').trim();
    if (text === '') continue;
    if (!/^\d+$/.test(text)) {
      problems.set(line.orderDetailId, 'Enter a whole number');
      continue;
    }
    const quantity = Number(text);
    const open = openAtLocation(line, locationId);
    if (quantity > open) {
      problems.set(
        line.orderDetailId,
        open === 0 ? 'None open here' : `At most ${open} ${open === 1 ? 'is' : 'are'} open`,
      );
      continue;
    }
    if (quantity > 0) {
      chosen.push({ orderDetailId: line.orderDetailId, quantity });
      units += quantity;
    }
  }
  return { lines: chosen, problems, units };
}

/** Every line's open units (at the location) as typed text: the dialogs' default. */
export function allOpen(lines: readonly OpenLine[], locationId: number | null = null) {
  return new Map(
    lines.map((line) => [line.orderDetailId, String(openAtLocation(line, locationId))]),
  );
}

/**
 * The money a cancellation gives back: the units × their unit price. Captured payments are
 * refunded; otherwise the authorization is captured for less.
 */
export function cancelledAmount(
  lines: readonly { orderDetailId: number; quantity: number }[],
  unitPrice: ReadonlyMap<number, number>,
) {
  return lines.reduce(
    (sum, line) => sum + line.quantity * (unitPrice.get(line.orderDetailId) ?? 0),
    0,
  );
}
