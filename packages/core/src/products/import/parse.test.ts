import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportHeader, formatPrice } from './format';
import { groupByProduct, ImportFileError, parseImportFile, readHeader } from './parse';

const sample = readFileSync(
  new URL('../../../../../docs/samples/products.csv', import.meta.url),
  'utf8',
);

describe('reading a catalog CSV', () => {
  it('reads the sample file: quoted cells with commas, quotes and line breaks, grouped by product', () => {
    const parsed = parseImportFile(sample);
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(4);
    const [tee, mug] = groupByProduct(parsed.rows);
    expect(tee!.map((row) => row.sku)).toEqual([
      'TEE-LINEN-S-WHT',
      'TEE-LINEN-M-WHT',
      'TEE-LINEN-M-BLK',
    ]);
    expect(tee![0]).toMatchObject({
      row: 2,
      productSku: 'TEE-LINEN',
      name: 'Linen tee',
      description: 'Soft, light linen.\nMachine washable, "pre-shrunk".',
      options: [
        { name: 'Size', value: 'S' },
        { name: 'Colour', value: 'White' },
      ],
      priceCents: 2500,
      active: true,
      stock: [
        { code: 'MAIN', quantity: 10 },
        { code: 'EAST', quantity: 4 },
      ],
    });
    // Blank cells are "leave as it is": no name on a product's later rows, no active.
    expect(tee![2]).not.toHaveProperty('name');
    expect(tee![2]).not.toHaveProperty('active');
    expect(tee![2]!.row).toBe(4);
    expect(mug![0]).toMatchObject({ row: 5, options: [], stock: [{ code: 'MAIN', quantity: 30 }] });
  });

  it('refuses a row with a clear message and its spreadsheet row number, keeping the others', () => {
    const parsed = parseImportFile(
      [
        'product_sku,name,category,sku,price,price_cents,active,stock:main',
        'A,Lamp,Lights,,5.00,,,1',
        'A,Lamp,Lights,A-1,five,,,1',
        'A,Lamp,Lights,A-2,5.00,600,,1',
        'A,Lamp,Lights,A-3,5.00,,maybe,1',
        'A,Lamp,Lights,A-4,5.00,,,-3',
        'A,Lamp,Lights,A-5,$5.5,,no,2',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([
      { row: 2, sku: null, message: 'sku is blank: every row is a variant and needs its SKU' },
      { row: 3, sku: 'A-1', message: 'price "five" is not an amount like 12.50' },
      { row: 4, sku: 'A-2', message: 'price 5.00 and price_cents 600 disagree' },
      { row: 5, sku: 'A-3', message: 'active "maybe" is not true or false' },
      { row: 6, sku: 'A-4', message: 'stock:MAIN "-3" is not a whole number of units from 0' },
    ]);
    expect(parsed.rows).toMatchObject([{ row: 7, sku: 'A-5', priceCents: 550, active: false }]);
  });

  it('refuses a file it cannot run: no sku column, an unknown column, a bad location column, not CSV', () => {
    const refusal = (text: string) => {
      try {
        readHeader(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportFileError);
        return (error as Error).message;
      }
      return null;
    };
    expect(refusal('product_sku,name\nA,B')).toBe('The file has no sku column');
    expect(refusal('product_sku,sku,colour\n')).toBe('Unknown column: colour (see docs/csv.md)');
    expect(refusal('product_sku,sku,stock:MAIN WAREHOUSE\n')).toMatch(
      /does not name a location code/,
    );
    expect(refusal('')).toBe('The file is empty');
    expect(() => parseImportFile('product_sku,sku\n"A,B\n')).toThrow(/not readable CSV/);
    expect(refusal('\uFEFFProduct_SKU, SKU ,price_cents\n')).toBeNull();
  });

  it('writes the header and prices the import reads back', () => {
    const header = exportHeader(['MAIN', 'EAST']);
    expect(() => readHeader(`${header.join(',')}\n`)).not.toThrow();
    expect(header.slice(-2)).toEqual(['stock:MAIN', 'stock:EAST']);
    expect([formatPrice(2500), formatPrice(5), formatPrice(123456)]).toEqual([
      '25.00',
      '0.05',
      '1234.56',
    ]);
  });
});
