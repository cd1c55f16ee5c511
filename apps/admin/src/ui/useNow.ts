import { useEffect, useState } from 'react';

/** The time, refreshed every `everyMs`: keeps "3 minutes ago" true while a page stays open. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
