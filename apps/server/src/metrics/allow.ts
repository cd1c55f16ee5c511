import proxyAddr from '@fastify/proxy-addr';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Who may read /metrics when METRICS_ALLOW is not set. */
export const DEFAULT_METRICS_ALLOW = ['loopback'] as const;

/**
 * METRICS_ALLOW's entries (addresses, CIDR ranges, or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`) as a test of one address. Throws on an entry it cannot
 * read, which env.ts reports as the variable's error.
 */
export function compileMetricsAllow(entries: readonly string[]): (address: string) => boolean {
  const trusts = proxyAddr.compile([...entries]);
  return (address) => trusts(address, 0);
}

/**
 * May this request read the metrics? Its client's address (`request.ip`: through a trusted
 * proxy, the address the proxy saw) must be allowed. A request that came through a proxy
 * the server does not trust (it carries X-Forwarded-For or Forwarded) is never allowed:
 * its socket address is the proxy's, often loopback, whoever the client is.
 */
export function mayReadMetrics(
  request: FastifyRequest,
  allowed: (address: string) => boolean,
): boolean {
  const forwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  const peer = request.socket.remoteAddress;
  if (forwarded && request.ip === peer) return false;
  return allowed(request.ip);
}

/**
 * METRICS_ALLOW for env.ts: comma-separated addresses, CIDR ranges or proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`); default loopback. Each entry is compiled here,
 * so a typo fails at start-up, naming the entry.
 */
export const metricsAllowVar = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      try {
        compileMetricsAllow([entry]);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `'${entry}' is not an address, a CIDR range, loopback, linklocal or uniquelocal`,
        });
        return z.NEVER;
      }
    }
    return entries;
  });
