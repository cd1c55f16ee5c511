import type { IncomingMessage } from 'node:http';
import { resolveSession, SESSION_COOKIE, type Session } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { isServedOrigin, type PeerTrust } from '../served-origin';

/**
 * Is the handshake's Origin allowed? Browsers send Origin on every WebSocket and every
 * cross-origin request, so a request without one is not a cross-site browser request
 * (a same-origin polling GET, or a non-browser client): allowed. Otherwise the Origin
 * must be the one the request was addressed to, scheme, host and port alike (an
 * `https://` page may not open a socket to a server reached over http, nor another port),
 * or one of `allowed` (the Vite dev servers).
 */
export function originAllowed(
  request: IncomingMessage,
  allowed: ReadonlySet<string>,
  trusts: PeerTrust = () => false,
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return isServedOrigin(origin, request, trusts, allowed);
}

/** The value of `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The handshake's session (the same `sp_session` cookie as tRPC), or null: anonymous. */
export async function sessionOf(db: Database, request: IncomingMessage): Promise<Session | null> {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  const resolved = await resolveSession(db, token);
  return resolved?.session ?? null;
}
