import { describe, expect, it } from 'vitest';
import { ledgerEntries, ledgerRows, stockUpdate } from './stock';

const CASE1 = '(CASE WHEN variant_id = ? AND location_id = ? THEN ? ELSE 0 END)';

describe('stockUpdate', () => {
  it('reserves in the UPDATE placement always sent: one CASE to add, one to check', () => {
    const update = stockUpdate([
      { variantId: 9, locationId: 1, reserved: 1 },
      { variantId: 4, locationId: 2, reserved: 2 },
    ]);
    const twoRows =
      '(CASE WHEN variant_id = ? AND location_id = ? THEN ? WHEN variant_id = ? AND location_id = ? THEN ? ELSE 0 END)';
    expect(update.sql).toBe(`UPDATE inventory FORCE INDEX (PRIMARY) SET
  reserved = reserved + ${twoRows},
  version = version + 1,
  updated_at = UTC_TIMESTAMP(3)
WHERE (variant_id, location_id) IN ((?, ?), (?, ?))
  AND on_hand >= reserved + ${twoRows} + damaged + quality_control + safety_stock`);
    // Sorted by (variant, location): the placeholders' values follow the text.
    expect(update.params).toEqual([4, 2, 2, 9, 1, 1, 4, 2, 9, 1, 4, 2, 2, 9, 1, 1]);
  });

  it('sorts by variant, then location', () => {
    const update = stockUpdate([
      { variantId: 4, locationId: 3, onHand: 1 },
      { variantId: 4, locationId: 1, onHand: 2 },
    ]);
    expect(update.params.slice(0, 6)).toEqual([4, 1, 2, 4, 3, 1]);
  });

  it('checks each bound a delta moves towards, and only those', () => {
    const ship = stockUpdate([{ variantId: 1, locationId: 1, onHand: -2, reserved: -2 }]);
    expect(ship.sql).toContain(`on_hand = on_hand + ${CASE1}`);
    expect(ship.sql).toContain(`reserved = reserved + ${CASE1}`);
    expect(ship.sql).not.toContain('incoming =');
    expect(ship.sql).toContain(`AND reserved + ${CASE1} >= 0`);
    expect(ship.sql).toContain(
      `AND on_hand + ${CASE1} >= reserved + ${CASE1} + damaged + quality_control + safety_stock`,
    );
    expect(ship.sql).not.toContain('incoming +');

    const receive = stockUpdate([{ variantId: 3, locationId: 1, onHand: 5, incoming: -5 }]);
    expect(receive.sql).not.toContain('reserved =');
    expect(receive.sql).toContain(`AND incoming + ${CASE1} >= 0`);
    expect(receive.sql).not.toContain('>= reserved');

    // Setting units aside is bounded by what is available, giving them back by the state.
    const damage = stockUpdate([{ variantId: 3, locationId: 1, damaged: 2 }]);
    expect(damage.sql).toContain(`AND on_hand >= reserved + damaged + ${CASE1}`);
    const back = stockUpdate([{ variantId: 3, locationId: 1, qualityControl: -2 }]);
    expect(back.sql).toContain(`AND quality_control + ${CASE1} >= 0`);
    expect(back.sql).not.toContain('on_hand >=');

    // Raising on_hand alone cannot break a bound: no condition but the rows.
    expect(stockUpdate([{ variantId: 3, locationId: 1, onHand: 5 }]).sql).toMatch(
      /WHERE \(variant_id, location_id\) IN \(\(\?, \?\)\)$/,
    );
  });

  it('answers the same text for the same shape, whatever the values', () => {
    const a = stockUpdate([{ variantId: 1, locationId: 1, onHand: -1 }]);
    const b = stockUpdate([{ variantId: 2, locationId: 3, onHand: -7 }]);
    expect(a.sql).toBe(b.sql);
    expect(a.params).not.toEqual(b.params);
  });

  it('has one placeholder for every value', () => {
    for (const deltas of [
      [{ variantId: 1, locationId: 1, reserved: 1 }],
      [
        { variantId: 1, locationId: 1, onHand: -1, reserved: 2, incoming: -3, damaged: 1 },
        { variantId: 2, locationId: 2, onHand: 4, reserved: -5, incoming: 6, safetyStock: -1 },
      ],
      [{ variantId: 1, locationId: 1 }],
    ]) {
      const update = stockUpdate(deltas);
      expect(update.sql.split('?').length - 1).toBe(update.params.length);
    }
  });
});

describe('ledgerEntries and ledgerRows', () => {
  it('make one row per delta, every delta column filled, the movement on each', () => {
    const deltas = [
      { variantId: 1, locationId: 1, reserved: 2 },
      { variantId: 2, locationId: 3, onHand: -1, reserved: -1, damaged: 1 },
    ];
    const movement = { reason: 'ship', refType: 'order', actor: 'admin:1' } as const;
    const zero = { deltaIncoming: 0, deltaQualityControl: 0, deltaSafetyStock: 0 };
    expect(ledgerEntries(deltas, movement)).toEqual([
      {
        variantId: 1,
        locationId: 1,
        deltaOnHand: 0,
        deltaReserved: 2,
        deltaDamaged: 0,
        ...zero,
        reason: 'ship',
        refType: 'order',
        actor: 'admin:1',
        note: null,
      },
      {
        variantId: 2,
        locationId: 3,
        deltaOnHand: -1,
        deltaReserved: -1,
        deltaDamaged: 1,
        ...zero,
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
