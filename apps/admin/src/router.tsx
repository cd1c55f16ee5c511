import { createBrowserRouter } from 'react-router';
import { AuthGate } from './auth/AuthGate';
import { RouteError } from './layout/RouteError';
import { ViewError } from './layout/ViewError';
import { Loading } from './ui/states';

/**
 * Every view is its own chunk, loaded when first visited: the first page carries only
 * React, the router, the data layer and the sign-in form (see bundle.test.ts).
 * https://reactrouter.com/start/data/route-object#lazy
 */
export const router = createBrowserRouter(
  [
    {
      path: '/',
      element: <AuthGate />,
      hydrateFallbackElement: <Loading />,
      errorElement: <RouteError />,
      children: [
        {
          // A view's failure (a chunk lost to a deploy or a network blip) shows inside
          // the shell, where the navigation still works.
          errorElement: <ViewError />,
          children: [
            {
              index: true,
              lazy: async () => ({
                Component: (await import('./overview/OverviewPage')).OverviewPage,
              }),
            },
            {
              path: 'orders',
              lazy: async () => ({ Component: (await import('./orders/OrdersPage')).OrdersPage }),
            },
            {
              path: 'orders/:orderId',
              lazy: async () => ({ Component: (await import('./orders/OrderPage')).OrderPage }),
            },
            {
              path: 'orders/:orderId/packing-slip',
              lazy: async () => ({
                Component: (await import('./fulfilment/PackingSlipPage')).PackingSlipPage,
              }),
            },
            {
              path: 'fulfilment',
              lazy: async () => ({
                Component: (await import('./fulfilment/FulfilmentPage')).FulfilmentPage,
              }),
            },
            {
              path: 'returns',
              lazy: async () => ({
                Component: (await import('./returns/ReturnsPage')).ReturnsPage,
              }),
            },
            {
              path: 'inventory',
              lazy: async () => ({
                Component: (await import('./inventory/InventoryPage')).InventoryPage,
              }),
            },
            {
              path: 'inventory/:productId',
              lazy: async () => ({
                Component: (await import('./inventory/ProductStockPage')).ProductStockPage,
              }),
            },
            {
              path: 'locations',
              lazy: async () => ({
                Component: (await import('./locations/LocationsPage')).LocationsPage,
              }),
            },
            {
              path: 'transfers',
              lazy: async () => ({
                Component: (await import('./transfers/TransfersPage')).TransfersPage,
              }),
            },
            {
              path: 'products',
              lazy: async () => ({
                Component: (await import('./products/ProductsPage')).ProductsPage,
              }),
            },
            {
              path: 'products/new',
              lazy: async () => ({
                Component: (await import('./products/ProductEditPage')).ProductEditPage,
              }),
            },
            {
              path: 'products/:productId',
              lazy: async () => ({
                Component: (await import('./products/ProductEditPage')).ProductEditPage,
              }),
            },
            {
              path: 'categories',
              lazy: async () => ({
                Component: (await import('./categories/CategoriesPage')).CategoriesPage,
              }),
            },
            {
              path: 'customers',
              lazy: async () => ({
                Component: (await import('./customers/CustomersPage')).CustomersPage,
              }),
            },
            {
              path: 'customers/:customerId',
              lazy: async () => ({
                Component: (await import('./customers/CustomerPage')).CustomerPage,
              }),
            },
            {
              path: 'import-export',
              lazy: async () => ({
                Component: (await import('./imports/ImportExportPage')).ImportExportPage,
              }),
            },
            {
              path: 'sales',
              lazy: async () => ({ Component: (await import('./sales/SalesPage')).SalesPage }),
            },
            {
              path: 'queues',
              lazy: async () => ({ Component: (await import('./queues/QueuesPage')).QueuesPage }),
            },
            {
              path: '*',
              lazy: async () => ({ Component: (await import('./layout/NotFound')).NotFound }),
            },
          ],
        },
      ],
    },
  ],
  { basename: '/admin' },
);
