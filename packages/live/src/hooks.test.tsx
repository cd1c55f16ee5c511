// @vitest-environment jsdom
import type { AppRouter } from '@stockpulse/api';
import { ROOMS } from '@stockpulse/shared';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import { afterEach, expect, it } from 'vitest';
import { createLiveClient, type LiveClient } from './client';
import { LiveProvider, useLiveStatus, useLiveStock } from './hooks';
import { startTestServer, until } from './testing';

type Trpc = TRPCOptionsProxy<AppRouter>;

function Catalog({ trpc, input }: { trpc: Trpc; input: { limit: number } }) {
  const { data } = useQuery(trpc.catalog.list.queryOptions(input));
  const ids = data?.items.map((p) => p.id) ?? [];
  const stock = useLiveStock(ids);
  const status = useLiveStatus();
  return (
    <ul data-status={status}>
      {data?.items.map((p) => (
        <li key={p.id} data-testid={`p${p.id}`} data-version={stock.get(p.id)?.version ?? 0}>
          {p.name}: {p.available}
        </li>
      ))}
    </ul>
  );
}

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
let client: LiveClient | undefined;

afterEach(async () => {
  cleanup();
  client?.close();
  await server?.close();
});

it('useLiveStock watches while mounted and patches the cached catalog.list in place', async () => {
  server = await startTestServer();
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  // The storefront's own setup; the link is never called (the data is already cached).
  const trpc = createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc`, transformer: superjson })],
    }),
    queryClient,
  });
  const input = { limit: 24 };
  const item = (id: number, name: string, available: number) => ({
    id,
    sku: `SKU-${id}`,
    name,
    category: 'tea',
    categoryId: 1,
    priceCents: 500,
    imageUrl: `/media/products/SKU-${id}.svg`,
    image: null,
    available,
    variantCount: 1,
    firstVariantId: id,
  });
  queryClient.setQueryData(trpc.catalog.list.queryKey(input), {
    items: [item(1, 'Assam', 5), item(2, 'Darjeeling', 9)],
    nextCursor: null,
  });
  client = createLiveClient({ url: server.url, queryClient });
  const live = client;

  const view = render(
    <QueryClientProvider client={queryClient}>
      <LiveProvider client={live}>
        <Catalog trpc={trpc} input={input} />
      </LiveProvider>
    </QueryClientProvider>,
  );
  expect(screen.getByTestId('p1').textContent).toBe('Assam: 5');
  await waitFor(() => expect(view.container.querySelector('ul')?.dataset.status).toBe('live'));
  await until(async () => (await server?.inRoom(2))?.length === 1);
  expect(live.watched()).toEqual([1, 2]);

  await act(async () => {
    server?.io.to(ROOMS.product(2)).emit('inventory:changed', {
      productId: 2,
      variantId: 2,
      available: 0,
      productAvailable: 0,
      unavailable: 0,
      onHand: 3,
      reserved: 3,
      incoming: 0,
      version: 12,
    });
    await until(() => live.getStock(2));
  });
  await waitFor(() => expect(screen.getByTestId('p2').textContent).toBe('Darjeeling: 0'));
  expect(screen.getByTestId('p2').dataset.version).toBe('12');
  expect(screen.getByTestId('p1').textContent).toBe('Assam: 5');
  // Patched, not refetched: the data changed in the cache and the query is still fresh.
  expect(queryClient.getQueryData(trpc.catalog.list.queryKey(input))?.items[1]?.available).toBe(0);
  expect(queryClient.getQueryState(trpc.catalog.list.queryKey(input))?.isInvalidated).toBe(false);

  view.unmount();
  await until(async () => (await server?.inRoom(2))?.length === 0);
  expect(live.watched()).toEqual([]);
});
