import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * What the built fronts need, and no more. Scripts only from this origin (Vite's hashed
 * modules; no inline script, no eval). Inline styles: sonner (the toasts) inserts its own
 * `<style>`, and React's `style` props set the CSSOM (not restricted anyway). `connect-src
 * 'self'` covers the API and Socket.IO's websocket on the same host and port (CSP 3 lets
 * 'self' match ws:/wss:); product pictures are `/media` on this origin.
 */
export const FRONT_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Bull Board's page (a build we do not make): inline `style` attributes and a `<style>` in
 * its loading screen, and IBM Plex from Google Fonts, linked by its template.
 */
export const QUEUE_BOARD_DIRECTIVES: Directives = {
  ...FRONT_DIRECTIVES,
  'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  'font-src': ["'self'", 'data:', 'https://fonts.gstatic.com'],
};

/** A policy as its header's value. */
export function cspHeader(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Helmet's options: every value is fixed, so its headers are the same on every answer. */
const HELMET_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: FRONT_DIRECTIVES },
  strictTransportSecurity: false,
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
} as const satisfies Parameters<typeof helmet>[0];

/** The headers helmet sets with `HELMET_OPTIONS`, lowercased, computed by helmet itself. */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(HELMET_OPTIONS)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
      done = true;
    },
  );
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/**
 * Security headers on every answer (helmet): the fronts' Content-Security-Policy,
 * `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` with `frame-ancestors 'none'`
 * (no page of ours in anyone's frame), `Referrer-Policy: no-referrer`, and helmet's
 * cross-origin isolation headers (COOP/CORP same-origin). No HSTS: whether the site is
 * https-only is the TLS-terminating proxy's to say. Routes that need another policy set
 * theirs (the product pictures, Bull Board). Register it before the routes.
 *
 * Helmet runs once, at start-up: its options never change, and running it per request (as
 * `@fastify/helmet` does, parsing the policy each time) cost 2.5 % of the server's CPU
 * under checkout load.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
