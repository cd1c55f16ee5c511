// Test helper (never bundled): answers the console's tRPC calls from jsdom as the server
// would on the wire (httpBatchLink + superjson), so components run against the real
// client, cache and error classes.
import { vi } from 'vitest';

type Answer =
  | { data: unknown }
  | {
      error: { code: string; httpStatus: number; message: string; data?: Record<string, unknown> };
    };
type Handler = (input: unknown) => Answer;

const RPC_CODES: Record<string, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  CONFLICT: -32009,
};

export interface FakeApi {
  /** Every procedure called, in order (`auth.me`, `admin.orders.byId`, …). */
  calls: string[];
  on(path: string, handler: Handler): void;
}

export function stubApi(): FakeApi {
  const handlers = new Map<string, Handler>();
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string | URL, init?: RequestInit) => {
      const parsed = new URL(String(url), 'http://console.test');
      const paths = decodeURIComponent(parsed.pathname.replace(/^\/trpc\//, '')).split(',');
      const inputs = (
        init?.method === 'POST'
          ? JSON.parse(String(init.body ?? '{}'))
          : JSON.parse(parsed.searchParams.get('input') ?? '{}')
      ) as Record<string, { json?: unknown } | undefined>;
      let status = 200;
      const body = paths.map((path, i) => {
        calls.push(path);
        const handler = handlers.get(path);
        if (!handler) throw new Error(`no fake for ${path}`);
        const answer = handler(inputs[String(i)]?.json);
        if ('data' in answer) return { result: { data: { json: answer.data } } };
        status = answer.error.httpStatus;
        const { code, httpStatus, message, data } = answer.error;
        return {
          error: {
            json: {
              message,
              code: RPC_CODES[code] ?? -32603,
              data: { code, httpStatus, path, cause: null, details: null, zodError: null, ...data },
            },
          },
        };
      });
      return new Response(JSON.stringify(body), {
        status: paths.length > 1 ? 207 : status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return { calls, on: (path, handler) => handlers.set(path, handler) };
}
