import type { QueueName } from '@stockpulse/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { describeError } from '../lib/errors';
import { humanize, when } from '../lib/format';
import { trpc } from '../trpc';
import { Empty, ErrorState, Loading } from '../ui/states';
import { num, TableHead } from '../ui/TableHead';
import { TableScroll } from '../ui/TableScroll';

/** The order a job is about, when it is an order's job (`{ orderId }`). */
const orderOf = (data: Record<string, unknown>) =>
  typeof data.orderId === 'number' ? data.orderId : null;

export function FailedJobs({ queue }: { queue: QueueName }) {
  const queryClient = useQueryClient();
  const failed = useQuery({
    ...trpc.admin.queues.failed.queryOptions({ queue, limit: 50 }),
    refetchInterval: 5_000,
  });
  const retry = useMutation(
    trpc.admin.queues.retry.mutationOptions({
      // The server says what it did: queued again, or nothing to retry and why.
      onSuccess: (result) => {
        if (result.retried) toast.success(result.message);
        else toast.info(result.message);
        void queryClient.invalidateQueries(trpc.admin.queues.pathFilter());
      },
      onError: (error) => {
        toast.error(describeError(error));
        void queryClient.invalidateQueries(trpc.admin.queues.pathFilter());
      },
    }),
  );
  const titleId = `failed-${queue}`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Failed jobs: {humanize(queue)}</h2>
      {failed.isPending ? (
        <Loading />
      ) : failed.isError ? (
        <ErrorState error={failed.error} retry={failed.refetch} />
      ) : failed.data.length === 0 ? (
        <Empty>No failed jobs.</Empty>
      ) : (
        <TableScroll>
          <table className="table">
            <TableHead
              columns={[
                'Job',
                'Error',
                num('Attempts'),
                num('Failed'),
                { key: 'actions', label: <span className="sr-only">Actions</span> },
              ]}
            />
            <tbody>
              {failed.data.map((job) => {
                const orderId = orderOf(job.data);
                return (
                  <tr key={job.id} data-job-id={job.id}>
                    <td>
                      <div className="cell-two-line">
                        <span className="strong">{job.id}</span>
                        <span className="muted">
                          {job.name}
                          {orderId !== null && (
                            <>
                              {' · '}
                              <Link to={`/orders/${orderId}`}>order #{orderId}</Link>
                            </>
                          )}
                        </span>
                      </div>
                    </td>
                    <td className="error-text">{job.failedReason ?? 'No reason recorded'}</td>
                    <td className="num">{job.attemptsMade}</td>
                    <td className="num">{job.failedAt ? when(job.failedAt) : '—'}</td>
                    <td className="actions-cell">
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={retry.isPending && retry.variables?.jobId === job.id}
                        onClick={() => retry.mutate({ queue, jobId: job.id })}
                        aria-label={`Retry job ${job.id}`}
                      >
                        <RotateCcw size={14} aria-hidden="true" /> Retry
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
