/** Why a stock movement happened: the `reason` of every ledger row. */
export const MOVEMENT_REASONS = [
  'opening',
  'reserve',
  'release',
  'ship',
  'restock_order',
  'restock_receive',
  'restock_cancel',
  'adjust',
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** What a ledger row points at. */
export const MOVEMENT_REFERENCES = ['order', 'restock', 'admin', 'seed'] as const;
export type MovementReference = (typeof MOVEMENT_REFERENCES)[number];

export const RESTOCK_STATUSES = ['requested', 'in_transit', 'received', 'cancelled'] as const;
export type RestockStatus = (typeof RESTOCK_STATUSES)[number];
export const OPEN_RESTOCK_STATUSES = [
  'requested',
  'in_transit',
] as const satisfies readonly RestockStatus[];

export const USER_ROLES = ['customer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
