/** Host names that mean "this machine": only there may we start a server for a URL. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

export function isLocalUrl(url: string): boolean {
  return LOCAL_HOSTS.has(new URL(url).hostname.toLowerCase());
}

/** The URL's port, or the scheme's default (3306 for mysql:, 6379 for redis:). */
export function portOf(url: string): number {
  const parsed = new URL(url);
  if (parsed.port !== '') return Number(parsed.port);
  return parsed.protocol === 'mysql:' ? 3306 : parsed.protocol === 'rediss:' ? 6380 : 6379;
}

/** The same server without a database selected: `mysql://u:p@host:port/`. */
export function serverUrlOf(databaseUrl: string): string {
  const parsed = new URL(databaseUrl);
  parsed.pathname = '/';
  return parsed.toString();
}

/** The URL of a private server on 127.0.0.1:`port`, keeping the database (or Redis db) path. */
export function localUrl(url: string, port: number, user?: string): string {
  const parsed = new URL(url);
  const local = new URL(`${parsed.protocol}//127.0.0.1:${port}`);
  if (user) local.username = user;
  local.pathname = parsed.pathname;
  return local.toString().replace(/\/$/, '');
}

/** For logs: the password (if any) replaced by `***`. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString().replace(/\/$/, '');
}
