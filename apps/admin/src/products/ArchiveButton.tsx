import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { describeError } from '../lib/errors';
import { trpc } from '../trpc';
import { Dialog } from '../ui/Dialog';

/** Archive (off the catalog, out of ordering) behind a confirmation, or bring it back. */
export function ArchiveButton({
  product,
}: {
  product: { id: number; name: string; active: boolean };
}) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.admin.products.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
  };
  const archive = useMutation(
    trpc.admin.products.archive.mutationOptions({
      onSuccess: () => {
        refresh();
        toast.success(`${product.name} is archived`);
        setConfirming(false);
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const restore = useMutation(
    trpc.admin.products.update.mutationOptions({
      onSuccess: () => {
        refresh();
        toast.success(`${product.name} is on sale again`);
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  if (!product.active) {
    return (
      <button
        type="button"
        className="btn"
        disabled={restore.isPending}
        onClick={() => restore.mutate({ id: product.id, active: true })}
      >
        Put back on sale
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
        Archive
      </button>
      {confirming && (
        <Dialog
          title={`Archive ${product.name}?`}
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="btn" data-close onClick={() => setConfirming(false)}>
                Keep on sale
              </button>
              <button
                type="button"
                className="btn btn-danger"
                disabled={archive.isPending}
                onClick={() => archive.mutate({ id: product.id })}
              >
                Archive
              </button>
            </>
          }
        >
          <p>
            It leaves the catalog and cannot be ordered. Existing orders are not affected, and you
            can put it back on sale later.
          </p>
        </Dialog>
      )}
    </>
  );
}
