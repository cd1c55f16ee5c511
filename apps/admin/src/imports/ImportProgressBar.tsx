import type { ImportProgress } from '@stockpulse/shared';
import { count } from '../lib/format';

/** Rounded down, so a bar never says 100 % before the last row is in. */
export function percentDone(progress: Pick<ImportProgress, 'processed' | 'total' | 'status'>) {
  if (progress.status === 'done') return 100;
  if (progress.total === 0) return 0;
  return Math.min(100, Math.floor((progress.processed / progress.total) * 100));
}

const STATUS_WORDS: Record<ImportProgress['status'], string> = {
  queued: 'Waiting to start',
  running: 'Importing',
  done: 'Done',
  failed: 'Stopped',
};

/**
 * One import's progress as `import:progress` tells it: a bar with the rows done out of
 * the file's, and what they came to. A native <progress>, so screen readers announce it.
 */
export function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const percent = percentDone(progress);
  const label = `Import #${progress.id}`;
  return (
    <div className={`import-progress import-progress-${progress.status}`}>
      <div className="import-progress-head">
        <span className="strong">{label}</span>
        <span className="muted" role="status">
          {STATUS_WORDS[progress.status]}
          {progress.total > 0 &&
            ` · ${count(progress.processed)} of ${count(progress.total)} rows (${percent} %)`}
        </span>
      </div>
      <progress
        aria-label={`${label} progress`}
        max={100}
        value={progress.status === 'queued' ? undefined : percent}
      />
      <ul className="import-counts" aria-label={`${label} counts`}>
        <li>{count(progress.created)} created</li>
        <li>{count(progress.updated)} updated</li>
        <li>{count(progress.unchanged)} unchanged</li>
        <li className={progress.failed > 0 ? 'error-text' : undefined}>
          {count(progress.failed)} failed
        </li>
      </ul>
    </div>
  );
}
