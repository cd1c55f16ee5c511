import { useEffect, useState } from 'react';

/**
 * Returns a function that, once React has drawn the new errors, moves focus to the first
 * invalid field, so a keyboard or screen-reader user lands on what needs fixing.
 */
export function useFocusFirstInvalid(): () => void {
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [requests]);
  return () => setRequests((n) => n + 1);
}
