import { describe, expect, it } from 'vitest';
import { linesSummary } from './TransfersPage';
import { addLine, transferLines } from './transfer-lines';

const pick = (variantId: number, sku: string) => ({ variantId, sku, label: sku, available: 4 });

describe("a transfer's lines", () => {
  it('adds a variant once: picking it again adds a unit', () => {
    const lines = addLine(
      addLine(addLine([], pick(1, 'TEE-S')), pick(2, 'TEE-M')),
      pick(1, 'TEE-S'),
    );
    expect(lines.map((line) => [line.sku, line.quantity])).toEqual([
      ['TEE-S', '2'],
      ['TEE-M', '1'],
    ]);
  });

  it('sends whole quantities, and anything else as NaN for the server to refuse', () => {
    const lines = [
      { ...pick(1, 'A'), quantity: ' 3 ' },
      { ...pick(2, 'B'), quantity: '1.5' },
    ];
    const sent = transferLines(lines);
    expect(sent[0]).toEqual({ variantId: 1, quantity: 3 });
    expect(sent[1]?.quantity).toBeNaN();
  });

  it('reads at a glance in the list', () => {
    const lines = [
      { sku: 'A', quantity: 3 },
      { sku: 'B', quantity: 1 },
      { sku: 'C', quantity: 2 },
    ];
    expect(linesSummary(lines)).toBe('A × 3, B × 1 + 1 more');
    expect(linesSummary(lines.slice(0, 1))).toBe('A × 3');
  });
});
