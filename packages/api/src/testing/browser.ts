// Test helper (`@stockpulse/api/testing`, never the package root): in-process callers that
// keep a session between calls the way a browser keeps its cookie.

import type { LoginLimits, ProducerQueues, RedisClient } from '@stockpulse/core';
import type { MediaStore } from '@stockpulse/core/media';
import type { Database } from '@stockpulse/db';
import { createCaller } from '../root';
import { createContext, type LiveHooks, type Log } from '../trpc';

export const silentLog: Log = { info() {}, warn() {}, error() {} };

export interface TestDeps {
  db: Database;
  redis: RedisClient;
  /** `inject('redisPrefix')` plus whatever keeps this file's keys apart. */
  redisPrefix: string;
  loginLimits?: LoginLimits;
  /** Default here: plenty, as a test file registers many customers from one address. */
  signUpLimit?: { max: number; windowSeconds: number };
  queues?: ProducerQueues;
  live?: LiveHooks;
  /** For `admin.images.remove`: a LocalMediaStore in a temporary folder will do. */
  media?: MediaStore;
}

/** One browser: a client address and a cookie jar holding at most the session cookie. */
export class TestBrowser {
  token: string | undefined;
  cookieExpiresAt: Date | undefined;
  /** The known-device cookie, kept across sign-outs as a browser keeps it. */
  deviceToken: string | undefined;

  constructor(
    private readonly deps: TestDeps,
    readonly clientAddress = '203.0.113.7',
  ) {}

  /** A caller whose context is built now, from the cookie the jar holds now. */
  async caller() {
    const ctx = await createContext({
      signUpLimit: { max: 10_000, windowSeconds: 3600 },
      ...this.deps,
      requestId: 'test',
      log: silentLog,
      sessionToken: this.token,
      deviceToken: this.deviceToken,
      clientAddress: this.clientAddress,
      userAgent: 'vitest',
      cookies: {
        set: (token, expiresAt) => {
          this.token = token;
          this.cookieExpiresAt = expiresAt;
        },
        clear: () => {
          this.token = undefined;
          this.cookieExpiresAt = undefined;
        },
        setDevice: (token) => {
          this.deviceToken = token;
        },
      },
    });
    return createCaller(ctx);
  }
}
