import { describe, expect, it } from 'vitest';
import { ledgerEntries, ledgerRows, stockUpdate } from './stock';

describe('stockUpdate', () => {
  it('reserves in the UPDATE placement always sent: one CASE to add, one to check', () => {
    const update = stockUpdate([
      { productId: 9, reserved: 1 },
      { productId: 4, reserved: 2 },
    ]);
    expect(update.sql).toBe(`UPDATE inventory SET
  reserved = reserved + (CASE product_id WHEN ? THEN ? WHEN ? THEN ? ELSE 0 END),
  version = version + 1,
  updated_at = UTC_TIMESTAMP(3)
WHERE product_id IN (?, ?)
  AND on_hand >= reserved + (CASE product_id WHEN ? THEN ? WHEN ? THEN ? ELSE 0 END)`);
    // Sorted by product id: the placeholders' values follow the text.
    expect(update.params).toEqual([4, 2, 9, 1, 4, 9, 4, 2, 9, 1]);
  });

  it('checks each bound a delta moves towards, and only those', () => {
    const ship = stockUpdate([{ productId: 1, onHand: -2, reserved: -2 }]);
    expect(ship.sql).toContain('on_hand = on_hand + (CASE');
    expect(ship.sql).toContain('reserved = reserved + (CASE');
    expect(ship.sql).not.toContain('incoming =');
    expect(ship.sql).toContain('AND reserved + (CASE product_id WHEN ? THEN ? ELSE 0 END) >= 0');
    expect(ship.sql).toContain(
      'AND on_hand + (CASE product_id WHEN ? THEN ? ELSE 0 END) >= reserved + (CASE product_id WHEN ? THEN ? ELSE 0 END)',
    );
    expect(ship.sql).not.toContain('incoming +');
    expect(ship.params).toEqual([1, -2, 1, -2, 1, 1, -2, 1, -2, 1, -2]);

    const receive = stockUpdate([{ productId: 3, onHand: 5, incoming: -5 }]);
    expect(receive.sql).not.toContain('reserved =');
    expect(receive.sql).toContain('AND incoming + (CASE product_id WHEN ? THEN ? ELSE 0 END) >= 0');
    expect(receive.sql).not.toContain('>= reserved');

    // Raising on_hand alone cannot break a bound: no condition but the products.
    expect(stockUpdate([{ productId: 3, onHand: 5 }]).sql).toMatch(/WHERE product_id IN \(\?\)$/);
  });

  it('answers the same text for the same shape, whatever the values', () => {
    const a = stockUpdate([{ productId: 1, onHand: -1 }]);
    const b = stockUpdate([{ productId: 2, onHand: -7 }]);
    expect(a.sql).toBe(b.sql);
    expect(a.params).not.toEqual(b.params);
  });

  it('has one placeholder for every value', () => {
    for (const deltas of [
      [{ productId: 1, reserved: 1 }],
      [
        { productId: 1, onHand: -1, reserved: 2, incoming: -3 },
        { productId: 2, onHand: 4, reserved: -5, incoming: 6 },
      ],
      [{ productId: 1 }],
    ]) {
      const update = stockUpdate(deltas);
      expect(update.sql.split('?').length - 1).toBe(update.params.length);
    }
  });
});

describe('ledgerEntries and ledgerRows', () => {
  it('make one row per delta, every delta column filled, the movement on each', () => {
    const deltas = [
      { productId: 1, reserved: 2 },
      { productId: 2, onHand: -1, reserved: -1 },
    ];
    const movement = { reason: 'ship', refType: 'order', actor: 'admin:1' } as const;
    expect(ledgerEntries(deltas, movement)).toEqual([
      {
        productId: 1,
        deltaOnHand: 0,
        deltaReserved: 2,
        deltaIncoming: 0,
        reason: 'ship',
        refType: 'order',
        actor: 'admin:1',
        note: null,
      },
      {
        productId: 2,
        deltaOnHand: -1,
        deltaReserved: -1,
        deltaIncoming: 0,
        reason: 'ship',
        refType: 'order',
        actor: 'admin:1',
        note: null,
      },
    ]);
    expect(ledgerRows(deltas, { ...movement, refId: 8, note: 'n' })).toEqual(
      ledgerEntries(deltas, { ...movement, note: 'n' }).map((entry) => ({ ...entry, refId: 8 })),
    );
  });
});
