import { useEffect, useState } from 'react';
import { serverClock } from '../lib/server-clock';

/**
 * The server's time (lib/server-clock.ts), refreshed every `everyMs`: keeps "3 minutes
 * ago" true while a page stays open, whatever the page's own clock says.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => serverClock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverClock.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
