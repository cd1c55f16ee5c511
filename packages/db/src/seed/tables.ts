import {
  customers,
  inventory,
  orderDetails,
  orderEvents,
  orderStatusCounts,
  orders,
  productSalesRollup,
  productSearchWords,
  products,
  restocks,
  salesRollup,
  stockMovements,
  users,
} from '../schema';
import { bulkTable } from './bulk';

/** Every table the seed fills, with the column order of its row tuples. */
export const SEED_TABLES = {
  users: bulkTable(users, [
    'id',
    'email',
    'name',
    'passwordHash',
    'role',
    'createdAt',
    'updatedAt',
  ]),
  customers: bulkTable(customers, [
    'id',
    'phone',
    'addressLine1',
    'addressLine2',
    'city',
    'region',
    'postalCode',
    'country',
    'createdAt',
    'updatedAt',
  ]),
  products: bulkTable(products, [
    'id',
    'sku',
    'name',
    'description',
    'category',
    'priceCents',
    'imageUrl',
    'active',
    'createdAt',
    'updatedAt',
  ]),
  productSearchWords: bulkTable(productSearchWords, ['word', 'name', 'productId']),
  inventory: bulkTable(inventory, [
    'productId',
    'onHand',
    'reserved',
    'incoming',
    'reorderPoint',
    'reorderQuantity',
    'version',
    'updatedAt',
  ]),
  restocks: bulkTable(restocks, [
    'id',
    'productId',
    'quantity',
    'status',
    'requestedBy',
    'eta',
    'receivedAt',
    'createdAt',
    'updatedAt',
  ]),
  orders: bulkTable(orders, [
    'id',
    'customerId',
    'status',
    'totalCents',
    'itemCount',
    'shipName',
    'shipLine1',
    'shipLine2',
    'shipCity',
    'shipRegion',
    'shipPostalCode',
    'shipCountry',
    'idempotencyKey',
    'requestHash',
    'cancelReason',
    'createdAt',
    'updatedAt',
  ]),
  orderDetails: bulkTable(orderDetails, [
    'id',
    'orderId',
    'productId',
    'quantity',
    'unitPriceCents',
  ]),
  orderEvents: bulkTable(orderEvents, [
    'id',
    'orderId',
    'fromStatus',
    'toStatus',
    'actor',
    'reason',
    'createdAt',
  ]),
  stockMovements: bulkTable(stockMovements, [
    'id',
    'productId',
    'deltaOnHand',
    'deltaReserved',
    'deltaIncoming',
    'reason',
    'refType',
    'refId',
    'actor',
    'note',
    'createdAt',
  ]),
};

/** The rollups the seed tallies as it writes the orders (rollups.ts). */
export const ROLLUP_TABLES = {
  salesRollup: bulkTable(salesRollup, [
    'grain',
    'bucketStart',
    'status',
    'orders',
    'revenueCents',
    'units',
  ]),
  productSalesRollup: bulkTable(productSalesRollup, [
    'grain',
    'bucketStart',
    'productId',
    'units',
    'revenueCents',
  ]),
  orderStatusCounts: bulkTable(orderStatusCounts, ['status', 'orders']),
};

/** Parents before children (the order the failure path empties them in, reversed). */
export const SEED_TABLE_ORDER = [
  SEED_TABLES.users,
  SEED_TABLES.customers,
  SEED_TABLES.products,
  SEED_TABLES.productSearchWords,
  SEED_TABLES.inventory,
  SEED_TABLES.restocks,
  SEED_TABLES.orders,
  SEED_TABLES.orderDetails,
  SEED_TABLES.orderEvents,
  SEED_TABLES.stockMovements,
];

export type SeedTableName = keyof typeof SEED_TABLES;

/**
 * Every table the bulk writer fills, largest first: the writer deals them round robin
 * to its connections, so the big ones land on different connections.
 */
export const LOAD_ORDER = [
  SEED_TABLES.stockMovements,
  SEED_TABLES.orderEvents,
  SEED_TABLES.orders,
  SEED_TABLES.orderDetails,
  SEED_TABLES.productSearchWords,
  ROLLUP_TABLES.productSalesRollup,
  SEED_TABLES.products,
  SEED_TABLES.restocks,
  SEED_TABLES.inventory,
  SEED_TABLES.users,
  SEED_TABLES.customers,
  ROLLUP_TABLES.salesRollup,
  ROLLUP_TABLES.orderStatusCounts,
];
