import type { RouterOutputs } from '@stockpulse/live';
import type { UseQueryResult } from '@tanstack/react-query';
import { count, humanize } from '../lib/format';
import { ErrorState, Loading } from '../ui/states';
import { TableScroll } from '../ui/TableScroll';

type QueueStats = RouterOutputs['admin']['queues']['stats'];
export type JobState = keyof QueueStats[number]['counts'];

/**
 * Jobs per queue (rows) and state (columns), failures in red; a spinner while the counts
 * load, the error with a retry if they cannot. `full` is the Queues page's own table: plain
 * width, failures also bold, and cells tagged with their queue and state.
 */
export function QueueCounts(props: {
  stats: UseQueryResult<QueueStats, unknown>;
  states: readonly JobState[];
  full?: boolean;
}) {
  const { stats, states, full } = props;
  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorState error={stats.error} retry={stats.refetch} />;
  const failedClass = full ? 'num text-danger strong' : 'num text-danger';
  return (
    <TableScroll>
      <table className={full ? 'table' : 'table table-compact'}>
        <thead>
          <tr>
            <th scope="col">Queue</th>
            {states.map((state) => (
              <th scope="col" className="num" key={state}>
                {humanize(state)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stats.data.map(({ queue, counts }) => (
            <tr key={queue} data-queue={full ? queue : undefined}>
              <th scope="row">{humanize(queue)}</th>
              {states.map((state) => (
                <td
                  key={state}
                  data-state={full ? state : undefined}
                  className={state === 'failed' && counts.failed > 0 ? failedClass : 'num'}
                >
                  {count(counts[state])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
