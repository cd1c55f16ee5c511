/**
 * How far along an open restock is, 0 to 1: the share of the time from request to the
 * supplier's ETA already gone. Without an ETA it has not shipped yet: 0. Never 1 before
 * it is received (the worker marks that), so a late delivery reads as "almost there".
 */
export function restockProgress(
  restock: { createdAt: Date; eta: Date | null; status: string },
  now: number,
): number {
  if (restock.status === 'received') return 1;
  if (!restock.eta || restock.status === 'cancelled') return 0;
  const total = restock.eta.getTime() - restock.createdAt.getTime();
  if (total <= 0) return 0.95;
  return Math.min(0.95, Math.max(0, (now - restock.createdAt.getTime()) / total));
}
