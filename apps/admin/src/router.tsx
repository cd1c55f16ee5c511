import { createBrowserRouter } from 'react-router';
import { AuthGate } from './auth/AuthGate';
import { RouteError } from './layout/RouteError';
import { ViewError } from './layout/ViewError';
import { Loading } from './ui/states';

/**
 * Every view is its own chunk, loaded when first visited: the first page carries only
 * React, the router, the data layer and the sign-in form (see bundle.test.ts).
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
            { index: true, lazy: () => import('./overview/OverviewPage') },
            { path: 'orders', lazy: () => import('./orders/OrdersPage') },
            { path: 'orders/:orderId', lazy: () => import('./orders/OrderPage') },
            { path: 'inventory', lazy: () => import('./inventory/InventoryPage') },
            { path: 'inventory/:productId', lazy: () => import('./inventory/ProductStockPage') },
            { path: 'products', lazy: () => import('./products/ProductsPage') },
            { path: 'products/new', lazy: () => import('./products/ProductEditPage') },
            { path: 'products/:productId', lazy: () => import('./products/ProductEditPage') },
            { path: 'customers', lazy: () => import('./customers/CustomersPage') },
            { path: 'customers/:customerId', lazy: () => import('./customers/CustomerPage') },
            { path: 'sales', lazy: () => import('./sales/SalesPage') },
            { path: 'queues', lazy: () => import('./queues/QueuesPage') },
            { path: '*', lazy: () => import('./layout/NotFound') },
          ],
        },
      ],
    },
  ],
  { basename: '/admin' },
);
