import { Check, Circle, X } from 'lucide-react';
import { formatDateTime } from '../lib/format';
import type { TimelineStep } from './status';
import './timeline.css';

/** The order's progress as an ordered list; the current step is marked for screen readers. */
export function StatusTimeline({ steps }: { steps: readonly TimelineStep[] }) {
  return (
    <ol className="timeline" data-testid="status-timeline">
      {steps.map((step) => (
        <li
          key={step.status}
          className={`timeline-step step-${step.state} step-${step.status}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="timeline-marker" aria-hidden="true">
            {step.status === 'cancelled' ? (
              <X size={14} />
            ) : step.state === 'upcoming' ? (
              <Circle size={10} />
            ) : (
              <Check size={14} />
            )}
          </span>
          <span className="timeline-text">
            <span className="timeline-label">{step.label}</span>
            {step.at && <time dateTime={step.at.toISOString()}>{formatDateTime(step.at)}</time>}
            {step.note && <span className="timeline-note">{step.note}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
