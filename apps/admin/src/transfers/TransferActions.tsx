import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from '../lib/errors';
import { trpc } from '../trpc';

type Step = 'ship' | 'receive' | 'cancel';

/** The steps each status allows (the server's state machine, DESIGN §11). */
export const STEPS_FROM: Record<string, readonly Step[]> = {
  draft: ['ship', 'cancel'],
  in_transit: ['receive', 'cancel'],
  received: [],
  cancelled: [],
};

const LABEL: Record<Step, string> = { ship: 'Ship', receive: 'Receive', cancel: 'Cancel' };
const DONE: Record<Step, string> = { ship: 'shipped', receive: 'received', cancel: 'cancelled' };

/** Ship, receive or cancel a transfer; a refusal (e.g. too little at the source) is a toast. */
export function TransferActions({ transfer }: { transfer: { id: number; status: string } }) {
  const queryClient = useQueryClient();
  const options = (step: Step) => ({
    onSuccess: () => {
      void queryClient.invalidateQueries(trpc.admin.transfers.pathFilter());
      void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
      toast.success(`Transfer #${transfer.id} ${DONE[step]}`);
    },
    onError: (error: unknown) =>
      toast.error(`Transfer #${transfer.id} was not ${DONE[step]}`, {
        description: describeError(error),
      }),
  });
  const ship = useMutation(trpc.admin.transfers.ship.mutationOptions(options('ship')));
  const receive = useMutation(trpc.admin.transfers.receive.mutationOptions(options('receive')));
  const cancel = useMutation(trpc.admin.transfers.cancel.mutationOptions(options('cancel')));
  const mutations = { ship, receive, cancel };
  const pending = ship.isPending || receive.isPending || cancel.isPending;
  const steps = STEPS_FROM[transfer.status] ?? [];
  if (steps.length === 0) return <span className="muted">—</span>;
  return (
    <div className="row-actions row-actions-stack">
      {steps.map((step) => (
        <button
          key={step}
          type="button"
          className={step === 'cancel' ? 'btn btn-small btn-danger' : 'btn btn-small btn-primary'}
          aria-label={`${LABEL[step]} transfer #${transfer.id}`}
          disabled={pending}
          onClick={() => mutations[step].mutate({ id: transfer.id })}
        >
          {LABEL[step]}
        </button>
      ))}
    </div>
  );
}
