import { apiError } from '@stockpulse/live';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { describeError } from '../lib/errors';
import { trpc } from '../trpc';
import { Dialog } from '../ui/Dialog';
import type { Location } from './useLocations';

/**
 * Archives a location behind a confirmation. The server refuses (STOCK_UNAVAILABLE) while
 * the location holds, expects or reserves stock: the refusal stays in the dialog, with
 * where to go to move that stock out.
 */
export function ArchiveLocationDialog(props: { location: Location; onClose: () => void }) {
  const { location, onClose } = props;
  const queryClient = useQueryClient();
  const archive = useMutation(
    trpc.admin.locations.archive.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.admin.locations.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
        toast.success(`${location.name} is archived`);
        onClose();
      },
    }),
  );
  const refused = archive.isError && apiError(archive.error).cause === 'STOCK_UNAVAILABLE';
  const message = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (archive.isError) message.current?.focus();
  }, [archive.isError]);
  return (
    <Dialog
      title={`Archive ${location.name}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" data-close onClick={onClose}>
            {refused ? 'Close' : 'Keep'}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={archive.isPending || refused}
            onClick={() => archive.mutate({ id: location.id })}
          >
            Archive
          </button>
        </>
      }
    >
      <p>
        Orders are no longer allocated from it, and no stock can be adjusted or transferred there.
      </p>
      {archive.isError && (
        <div className="notice" role="alert" tabIndex={-1} ref={message}>
          <p className="strong">
            {refused ? `${location.name} cannot be archived yet.` : describeError(archive.error)}
          </p>
          {refused && (
            <p>
              {apiError(archive.error).message}. See{' '}
              <Link to={`/inventory?location=${location.id}`} onClick={onClose}>
                its stock
              </Link>{' '}
              or{' '}
              <Link to="/transfers" onClick={onClose}>
                transfers
              </Link>
              .
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}
