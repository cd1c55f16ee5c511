import { createBrowserRouter } from 'react-router';
import { CatalogPage } from './catalog/CatalogPage';
import { Layout } from './layout/Layout';
import { NotFound, RootError, RouteError } from './layout/RouteError';
import { PageSkeleton } from './ui/Skeleton';

/**
 * The home page (catalog) ships in the first bundle; every other page is its own chunk,
 * fetched on first visit, so the first load stays small.
 * https://reactrouter.com/start/data/route-object#lazy
 */
export const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    errorElement: <RootError />,
    HydrateFallback: () => (
      <main className="container page">
        <PageSkeleton />
      </main>
    ),
    children: [
      {
        // Pathless: a page that breaks shows its error inside the layout (header stays).
        errorElement: <RouteError />,
        children: [
          { index: true, Component: CatalogPage },
          {
            path: 'products/:id',
            lazy: async () => ({ Component: (await import('./product/ProductPage')).ProductPage }),
          },
          {
            path: 'cart',
            lazy: async () => ({ Component: (await import('./cart/CartPage')).CartPage }),
          },
          {
            path: 'checkout',
            lazy: async () => ({
              Component: (await import('./checkout/CheckoutPage')).CheckoutPage,
            }),
          },
          {
            path: 'checkout/done/:id',
            lazy: async () => ({
              Component: (await import('./checkout/ConfirmationPage')).ConfirmationPage,
            }),
          },
          {
            path: 'orders',
            lazy: async () => ({ Component: (await import('./orders/OrdersPage')).OrdersPage }),
          },
          {
            path: 'orders/:id',
            lazy: async () => ({ Component: (await import('./orders/OrderPage')).OrderPage }),
          },
          {
            path: 'account',
            lazy: async () => ({ Component: (await import('./account/AccountPage')).AccountPage }),
          },
          {
            path: 'signin',
            lazy: async () => ({ Component: (await import('./account/SignInPage')).SignInPage }),
          },
          {
            path: 'signup',
            lazy: async () => ({ Component: (await import('./account/SignUpPage')).SignUpPage }),
          },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
]);
