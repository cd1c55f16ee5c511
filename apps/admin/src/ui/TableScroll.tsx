import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways inside its card when the screen is narrower than it. The
 * box takes focus so a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard
    <div className="table-wrap" tabIndex={0}>
      {children}
    </div>
  );
}
