export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `00`…`59` and `000`…`999`, looked up rather than padded ten million times. */
const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** The `YYYY-MM-DD ` of the last day formatted: the seed's times come in runs of one day. */
let cachedDay = Number.NaN;
let cachedDate = '';

/**
 * Epoch milliseconds as a MySQL DATETIME(3) literal in UTC: `2025-03-01 18:04:05.123`.
 * (Called ten million times by the reference seed: the date part is formatted once a day.)
 */
export function sqlTime(time: number): string {
  const ms = Math.trunc(time); // as Date does
  if (!Number.isSafeInteger(ms)) throw new Error(`seed: ${time} is not a time in milliseconds`);
  const day = Math.floor(ms / DAY);
  if (day !== cachedDay) {
    cachedDate = `${new Date(day * DAY).toISOString().slice(0, 10)} `;
    cachedDay = day;
  }
  let rest = ms - day * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = Math.floor(rest / 1000);
  return `${cachedDate}${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[rest - seconds * 1000]}`;
}
