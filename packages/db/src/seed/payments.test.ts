import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_PAYMENT_STATEMENTS } from './payments';

describe('the seed payment statements', () => {
  it('are exactly migration 0016’s custom statements for existing orders', () => {
    const migration = readFileSync(
      new URL('../../migrations/0016_payments_shipments_returns.sql', import.meta.url),
      'utf8',
    );
    const lines = migration.split('\n');
    const start = lines.findIndex((line) => line.startsWith('-- custom: an existing shop'));
    const statements = lines
      .slice(start + 1, start + 1 + SEED_PAYMENT_STATEMENTS.length)
      .map((line) => line.replace('--> statement-breakpoint', '').trim());
    expect(SEED_PAYMENT_STATEMENTS).toEqual(statements);
    expect(lines[start + 1 + SEED_PAYMENT_STATEMENTS.length]).toMatch(/^ALTER TABLE/);
  });
});
