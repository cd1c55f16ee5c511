import { useEffect, useState } from 'react';

/** `value`, once it has stopped changing for `waitMs`: a search box queries once per pause. */
export function useDebounced<T>(value: T, waitMs = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), waitMs);
    return () => clearTimeout(timer);
  }, [value, waitMs]);
  return settled;
}
