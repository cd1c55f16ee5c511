import { useLiveOrders } from '@stockpulse/live';
import { useEffect, useState } from 'react';
import { recentChanges } from './recent-changes';

/** Orders that just arrived or moved, for a row cue that fades after `windowMs`. */
export function useRecentOrderChanges(windowMs = 5_000) {
  const changes = useLiveOrders(100);
  const [now, setNow] = useState(() => Date.now());
  const newest = changes[0]?.at;
  useEffect(() => {
    if (newest === undefined) return;
    setNow(Date.now());
    const timer = setTimeout(() => setNow(Date.now()), windowMs + 50);
    return () => clearTimeout(timer);
  }, [newest, windowMs]);
  return recentChanges(changes, now, windowMs);
}
