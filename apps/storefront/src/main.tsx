// The base styles first: each page's own CSS (imported by its components) builds on them.
import './styles.css';
import { LiveProvider } from '@stockpulse/live';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { CartProvider } from './cart/CartProvider';
import { live } from './live';
import { router } from './router';
import { queryClient } from './trpc';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LiveProvider client={live}>
        <CartProvider>
          <RouterProvider router={router} />
        </CartProvider>
      </LiveProvider>
    </QueryClientProvider>
  </StrictMode>,
);
