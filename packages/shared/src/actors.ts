/**
 * Who acted, as ledger rows, restocks and order events record it: a user (`admin:3`,
 * `customer:12`) or a process that acts without one. Built only by `actorOf`; read back by
 * core/actors (`actorUserId`, the display names staff see).
 */
export type UserActorKind = 'admin' | 'customer';
/** The payment and restock worker, the reorder scheduler, the sample data. */
export type ProcessActor = 'worker' | 'scheduler' | 'seed';
export type Actor = `${UserActorKind}:${number}` | ProcessActor;

/** `actorOf('admin', 3)` is `admin:3`; `actorOf('worker')` names a process. */
export function actorOf<K extends UserActorKind>(kind: K, userId: number): `${K}:${number}`;
export function actorOf<P extends ProcessActor>(process: P): P;
export function actorOf(kind: UserActorKind | ProcessActor, userId?: number): string {
  return userId === undefined ? kind : `${kind}:${userId}`;
}
