import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** Rows per keyset read of every CSV export: one indexed range read each. */
export const EXPORT_BATCH_ROWS = 1_000;

export type CsvCell = string | number | boolean | null;

/**
 * A CSV file as a stream: the header, then each batch's rows as the consumer reads them
 * (`Readable.from` pulls the next batch only when the stringifier wants more, so a slow
 * download holds one batch in memory, never the table). csv-stringify writes RFC 4180:
 * a cell with a comma, a quote or a line break is quoted and its quotes doubled, which
 * descriptions need and a hand-rolled join would get wrong. A failed read ends the
 * stream with its error (the HTTP answer is cut short rather than looking complete).
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<CsvCell[][]>) {
  async function* rows() {
    yield [...header];
    for await (const batch of batches) for (const row of batch) yield row;
  }
  const source = Readable.from(rows());
  const csv = stringify({ record_delimiter: '\n' });
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}
