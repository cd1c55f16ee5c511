// Test helpers (not part of the bundle): raw HTTP, and a server on this run's database.
import { request as httpRequest } from 'node:http';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { type RunningServer, startTestServer } from './server';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent: still compressed (fetch would decompress it). */
  body: Buffer;
}

/** One request over node:http, headers exactly as given (fetch adds its own). */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: init.method, headers: init.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

/** This run's shared database and a lazy Redis client, for test servers. */
export function openRunConnections() {
  const database = connect(inject('databaseUrl'));
  const redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  return {
    database,
    redis,
    close: async () => {
      redis.disconnect();
      await database.close();
    },
  };
}

export interface ServerOnRunDatabase {
  database: DatabaseHandle;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * The test server on this run's shared database and Redis; `prepare` runs first (e.g. to
 * insert the products a test reads).
 */
export async function startServerOnRunDatabase(
  prepare: (database: DatabaseHandle) => Promise<unknown> = async () => {},
  options: Omit<Parameters<typeof startTestServer>[0], 'db' | 'redis'> = {},
): Promise<ServerOnRunDatabase> {
  const connections = openRunConnections();
  await prepare(connections.database);
  const server = await startTestServer({
    db: connections.database.db,
    redis: connections.redis,
    ...options,
  });
  return {
    database: connections.database,
    server,
    close: async () => {
      await server.close();
      await connections.close();
    },
  };
}
