import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { PasswordPool } from './password-pool';

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first recommended setting:
 * 19 MiB of memory, 2 passes, 1 lane (m=19456, t=2, p=1), 16-byte salt, 32-byte tag.
 * The parameters travel inside the PHC string, so raising them later keeps old hashes
 * verifiable. https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
const ARGON2ID = 2 as Algorithm; // `Algorithm.Argon2id`: an ambient const enum, not importable here
export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/** Every argon2 job of this process goes through it: bounded, verifications first. */
const pool = new PasswordPool();

/**
 * A PHC string, `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, with a fresh random salt.
 * Waits behind any verification; BUSY when the pool's queue is full.
 */
export function hashPassword(plain: string): Promise<string> {
  return pool.run('hash', () => hash(plain, PASSWORD_HASH_OPTIONS));
}

/**
 * True when `plain` matches `hash`; false for a wrong password or a malformed hash.
 * Goes before every waiting hash, so sign-ins stay quick under a burst of sign-ups.
 */
export function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  return pool.run('verify', async () => {
    try {
      return await verify(passwordHash, plain);
    } catch {
      return false;
    }
  });
}
