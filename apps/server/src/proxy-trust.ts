/** TRUST_PROXY as read by env.ts: no proxy, a number of hops, or the proxies' addresses. */
export type ProxyTrust = boolean | number | string;

/**
 * Fastify's `trustProxy` for a setting. A number of hops becomes a function trusting the
 * socket's peer and the hops after it up to that count (proxy-addr's own hop rule), as
 * this Fastify refuses a bare number. `true` is one hop, never Fastify's "believe every
 * X-Forwarded-For entry": the first entry is whatever the client sent, so a per-address
 * limit keyed on it is no limit (60 of 60 password guesses passed with a rotating one).
 */
export function fastifyTrustProxy(
  setting: ProxyTrust | undefined,
): false | string | ((address: string, hop: number) => boolean) {
  if (setting === true) return fastifyTrustProxy(1);
  if (typeof setting === 'number') {
    const hops = setting;
    return hops > 0 ? (_address, hop) => hop < hops : false;
  }
  return setting || false;
}
