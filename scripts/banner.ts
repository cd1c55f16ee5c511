import { DEMO_CUSTOMER } from '@stockpulse/db/seed';
import { paint, redactUrl, type Services } from '@stockpulse/devstack';
import type { RootEnv } from './env';

const ORIGIN = {
  found: 'found',
  private: 'started here (private, stops with this command)',
  docker: 'started with docker compose (stops with this command)',
} as const;

/** What a newcomer needs once everything answers: where to click and how to sign in. */
export function banner(options: {
  env: RootEnv;
  services: Services;
  dev: boolean;
  color: boolean;
}): string {
  const { env, services, dev, color } = options;
  const api = `http://localhost:${env.PORT}`;
  const storefront = dev ? 'http://localhost:5173/' : `${api}/`;
  const admin = dev ? 'http://localhost:5174/admin/' : `${api}/admin`;
  const password = env.adminPasswordIsDefault
    ? `${env.ADMIN_PASSWORD}   (local default; set ADMIN_PASSWORD before seeding to change it)`
    : '(the ADMIN_PASSWORD you set)';
  const bold = (text: string) => paint(text, 1, color);
  const rows: [string, string][] = [
    ['Storefront', bold(storefront)],
    ['Admin console', bold(admin)],
    ...(dev
      ? ([['API server', `${api}  (the dev servers proxy /trpc to it)`]] as [string, string][])
      : []),
    ['Admin login', `${env.ADMIN_EMAIL} / ${password}`],
    ['Demo shopper', `${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}`],
    ['MySQL', `${redactUrl(services.databaseUrl)}  ${ORIGIN[services.started.mysql]}`],
    ['Redis', `${redactUrl(services.redisUrl)}  ${ORIGIN[services.started.redis]}`],
  ];
  const line = paint('─'.repeat(72), 90, color);
  return [
    line,
    `  ${paint(`Stockpulse is running${dev ? ' (dev: watch mode, Vite)' : ''}`, 32, color)}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(14)} ${value}`),
    '  Ctrl-C stops everything.',
    line,
  ].join('\n');
}
