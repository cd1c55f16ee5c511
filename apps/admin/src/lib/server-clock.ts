/**
 * The server's time, as this page best knows it. Times in the console (an order's
 * `createdAt`) are the server's; a laptop whose clock runs 17 s behind showed a new order
 * "in 17 seconds". Every API answer carries the server's `Date` header (whole seconds):
 * the server read its clock at some moment between sending the request and receiving the
 * answer, so each answer bounds the offset (server minus page clock) from both sides; the
 * bounds of all answers are intersected and the middle taken. After a few requests the
 * estimate is within the round trip, a few milliseconds on a LAN.
 */
export interface ServerClock {
  /** Takes one answer's `Date` header, with when its request left and its answer came. */
  observe(dateHeader: string | null, sentAt: number, receivedAt: number): void;
  /** Page clock + the estimated offset. */
  now(): number;
  offsetMs(): number;
}

export function createServerClock(pageNow: () => number = Date.now): ServerClock {
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  const offsetMs = () => (Number.isFinite(low) && Number.isFinite(high) ? (low + high) / 2 : 0);
  return {
    observe(dateHeader, sentAt, receivedAt) {
      const serverSecond = dateHeader ? Date.parse(dateHeader) : Number.NaN;
      if (!Number.isFinite(serverSecond)) return;
      // The server read a time in [serverSecond, serverSecond + 1 s) while the page's
      // clock read between sentAt and receivedAt.
      const sampleLow = serverSecond - receivedAt;
      const sampleHigh = serverSecond + 1_000 - sentAt;
      const nextLow = Math.max(low, sampleLow);
      const nextHigh = Math.min(high, sampleHigh);
      if (nextLow > nextHigh) {
        // The bounds disagree: one of the clocks was set since. Start again from this one.
        low = sampleLow;
        high = sampleHigh;
        return;
      }
      low = nextLow;
      high = nextHigh;
    },
    now: () => pageNow() + offsetMs(),
    offsetMs,
  };
}

/** The console's one server clock, fed by the tRPC client (trpc.ts). */
export const serverClock = createServerClock();

/** fetch, noting each answer's `Date` header on the server clock. */
export const fetchNotingServerTime: typeof fetch = async (input, init) => {
  const sentAt = Date.now();
  const response = await fetch(input, init);
  serverClock.observe(response.headers.get('date'), sentAt, Date.now());
  return response;
};
