import type { ReactNode } from 'react';

/** A friendly stand-in for content that is not there. `level` 1 when it is the whole page. */
export function EmptyState({
  icon,
  title,
  level = 2,
  children,
}: {
  icon?: ReactNode;
  title: string;
  level?: 1 | 2;
  children?: ReactNode;
}) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div className="empty-state">
      {icon && <div className="empty-state-icon">{icon}</div>}
      <Heading>{title}</Heading>
      {children}
    </div>
  );
}
