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
  /** Between available and an unavailable state (damaged, quality control, safety stock). */
  'move',
  'transfer_ship',
  'transfer_receive',
  'transfer_cancel',
  /** A returned unit back on the shelf (on_hand) or set aside as damaged (DESIGN §12). */
  'return_restock',
  'return_damaged',
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** What a ledger row points at. */
export const MOVEMENT_REFERENCES = [
  'order',
  'restock',
  'admin',
  'seed',
  'transfer',
  'shipment',
  'return',
] as const;
export type MovementReference = (typeof MOVEMENT_REFERENCES)[number];

export const RESTOCK_STATUSES = ['requested', 'in_transit', 'received', 'cancelled'] as const;
export type RestockStatus = (typeof RESTOCK_STATUSES)[number];
export const OPEN_RESTOCK_STATUSES = [
  'requested',
  'in_transit',
] as const satisfies readonly RestockStatus[];

export const USER_ROLES = ['customer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Stock that is on hand but not for sale, kept apart by why (DESIGN §11, Shopify's
 * inventory states): available = on_hand − reserved − the sum of these.
 */
export const UNAVAILABLE_STATES = ['damaged', 'quality_control', 'safety_stock'] as const;
export type UnavailableState = (typeof UNAVAILABLE_STATES)[number];
/** Where `admin.inventory.move` takes units from and puts them. */
export const STOCK_STATES = ['available', ...UNAVAILABLE_STATES] as const;
export type StockState = (typeof STOCK_STATES)[number];

export const TRANSFER_STATUSES = ['draft', 'in_transit', 'received', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** The location a fresh shop has, and where the migration put all existing stock. */
export const DEFAULT_LOCATION_ID = 1;
