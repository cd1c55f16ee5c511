import { TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi, createApiQueryClient, retryUnlessRefused } from './api';

const refused = (httpStatus: number) =>
  TRPCClientError.from({ error: { message: 'no', code: -32600, data: { httpStatus } } });

describe('retryUnlessRefused', () => {
  it('never retries a refusal: it will not change on a second try', () => {
    for (const status of [400, 401, 403, 404, 409, 429]) {
      expect(retryUnlessRefused(0, refused(status))).toBe(false);
    }
  });

  it('tries a server error or a lost request twice more', () => {
    for (const error of [refused(500), refused(503), new TypeError('Failed to fetch')]) {
      expect(retryUnlessRefused(0, error)).toBe(true);
      expect(retryUnlessRefused(1, error)).toBe(true);
      expect(retryUnlessRefused(2, error)).toBe(false);
    }
  });
});

describe('createApiQueryClient', () => {
  it('keeps data 30 s, retries by the one rule, and never retries a mutation', () => {
    const onQueryError = vi.fn();
    const queryClient = createApiQueryClient({ onQueryError, refetchOnWindowFocus: false });
    const { queries, mutations } = queryClient.getDefaultOptions();
    expect(queries).toMatchObject({
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: retryUnlessRefused,
    });
    expect(mutations?.retry).toBe(false);
    expect(createApiQueryClient().getDefaultOptions().queries?.refetchOnWindowFocus).toBe(true);
  });

  it('tells the front of every query that failed for good', async () => {
    const onQueryError = vi.fn();
    const queryClient = createApiQueryClient({ onQueryError });
    const error = refused(401);
    await expect(
      queryClient.fetchQuery({
        queryKey: ['me'],
        queryFn: () => Promise.reject(error),
        retry: false,
      }),
    ).rejects.toBe(error);
    expect(onQueryError).toHaveBeenCalledWith(error, expect.anything());
  });
});

describe('createApi', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Answers every call of a batch with `null`, as the server would on the wire. */
  const answerNull = vi.fn(async (url: string | URL) => {
    const paths = decodeURIComponent(new URL(String(url), 'http://shop.test').pathname)
      .replace(/^\/trpc\//, '')
      .split(',');
    const body = paths.map(() => ({ result: { data: superjson.serialize(null) } }));
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  });

  it('batches at most 10 calls a request to /trpc on the page, through the fetch given', async () => {
    answerNull.mockClear();
    const queryClient = createApiQueryClient();
    const trpc = createApi({ queryClient, fetch: answerNull as typeof fetch });
    const ids = Array.from({ length: 12 }, (_, i) => i + 1);
    const answers = await Promise.all(
      ids.map((id) => queryClient.fetchQuery(trpc.catalog.byId.queryOptions({ id }))),
    );
    expect(answers).toEqual(ids.map(() => null));
    const urls = answerNull.mock.calls.map(([url]) => String(url));
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url.startsWith('/trpc/catalog.byId')).toBe(true);
    const batchSizes = urls.map((url) => url.split('?')[0]!.split(',').length);
    expect(batchSizes.sort((a, b) => a - b)).toEqual([2, 10]);
  });

  it('uses the global fetch when given none', async () => {
    answerNull.mockClear();
    vi.stubGlobal('fetch', answerNull);
    const queryClient = createApiQueryClient();
    const trpc = createApi({ queryClient });
    await queryClient.fetchQuery(trpc.catalog.byId.queryOptions({ id: 1 }));
    expect(answerNull).toHaveBeenCalledTimes(1);
  });
});
