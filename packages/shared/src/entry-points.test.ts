/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The subpath entries a browser's first load imports (`@stockpulse/shared/money`,
 * `/errors`, `/plural`, `/cards`, `/payments`, `/fulfilment`) import nothing at all: no zod, no other module of this package
 * that might. The index, with the zod schemas, is for the server and lazy pages.
 */
describe('the light entry points', () => {
  for (const entry of [
    'money.ts',
    'errors.ts',
    'plural.ts',
    'cards.ts',
    'payments.ts',
    'fulfilment.ts',
  ]) {
    it(`${entry} has no imports`, () => {
      const source = readFileSync(new URL(entry, import.meta.url), 'utf8');
      expect(source).not.toMatch(/^\s*(import|export)\b[^;]*\bfrom\s/m);
      expect(source).not.toMatch(/\bimport\s*\(/);
    });
  }
});
