import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyAddr from '@fastify/proxy-addr';
import { fastifyTrustProxy, type ProxyTrust } from './proxy-trust';

/** Whether the peer at `address` (`hop` 0 is the socket's) is a proxy we believe. */
export type PeerTrust = (address: string, hop: number) => boolean;

/** TRUST_PROXY as a function, compiled the way Fastify compiles its `trustProxy`. */
export function peerTrust(setting: ProxyTrust | undefined): PeerTrust {
  const trust = fastifyTrustProxy(setting);
  if (trust === false) return () => false;
  if (typeof trust === 'function') return trust;
  return proxyAddr.compile(trust.split(',').map((entry) => entry.trim()));
}

/**
 * `scheme://host[:port]` as a browser writes it in `Origin` (lower-case, no default
 * port), or null for anything else: `null`, another scheme, a path, garbage.
 */
export function normalizeOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // `URL` forgives a path, a query or credentials; an Origin never has them.
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
  return url.origin;
}

/** A forwarded header's value from the nearest proxy: the last entry. */
function lastEntry(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (!text) return undefined;
  return text.slice(text.lastIndexOf(',') + 1).trim() || undefined;
}

/**
 * The origin this request was addressed to, by Fastify's rule for `request.protocol`
 * and `request.host`: the connection's TLS and the `Host` header, or, when the peer is a
 * trusted proxy, its `X-Forwarded-Proto`/`-Host` (last entry). Works on the raw request,
 * so Socket.IO's handshake (which never reaches Fastify) and tRPC share it.
 */
export function servedOrigin(request: IncomingMessage, trusts: PeerTrust): string | null {
  const peer = request.socket?.remoteAddress;
  const viaProxy = peer !== undefined && trusts(peer, 0);
  const forwardedProto = viaProxy ? lastEntry(request.headers['x-forwarded-proto']) : undefined;
  const forwardedHost = viaProxy ? lastEntry(request.headers['x-forwarded-host']) : undefined;
  const scheme =
    forwardedProto ?? ((request.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http');
  const host = forwardedHost ?? request.headers.host;
  if (!host) return null;
  return normalizeOrigin(`${scheme}://${host}`);
}

/**
 * Is a browser's `Origin` one this server serves: its own (scheme, host and port, as
 * above) or one of `allowed` (LIVE_ALLOWED_ORIGINS: the Vite dev servers)?
 */
export function isServedOrigin(
  origin: string,
  request: IncomingMessage,
  trusts: PeerTrust,
  allowed: ReadonlySet<string>,
): boolean {
  const normalized = normalizeOrigin(origin);
  if (normalized === null) return false;
  return allowed.has(normalized) || normalized === servedOrigin(request, trusts);
}

/** The allow-list as `isServedOrigin` compares it. */
export function allowedOriginSet(origins: readonly string[]): ReadonlySet<string> {
  return new Set(origins.map(normalizeOrigin).filter((origin) => origin !== null));
}
