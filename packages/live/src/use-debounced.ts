import { useEffect, useState } from 'react';

/**
 * `value`, once it has stopped changing for `delayMs`: a search box queries once per
 * pause in the typing, not once per key.
 */
export function useDebounced<T>(value: T, delayMs = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
