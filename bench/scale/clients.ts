/**
 * Signed-in clients of a shop's server: `auth.login` over HTTP as the browser does (the
 * session cookie comes back in Set-Cookie), then the real tRPC client with that cookie
 * over the bench's lean fetch (../http-client.ts).
 */
import type { AppRouter } from '@stockpulse/api';
import { SESSION_COOKIE } from '@stockpulse/core';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { request } from 'undici';
import { poolFetch } from '../http-client';
import type { Client } from './calls';

/** The session token `auth.login` hands out for `email`. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await request(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize({ email, password })),
  });
  const body = await response.body.text();
  if (response.statusCode !== 200) {
    throw new Error(`auth.login as ${email}: HTTP ${response.statusCode} ${body.slice(0, 200)}`);
  }
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const token = cookies
    .map((cookie) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(cookie)?.[1])
    .find(Boolean);
  if (!token) throw new Error(`auth.login as ${email}: no ${SESSION_COOKIE} cookie`);
  return token;
}

export function signedInClient(url: string, token: string): Client {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
        fetch: poolFetch(url),
      }),
    ],
  });
}
