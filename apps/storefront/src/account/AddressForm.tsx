import type { RouterOutputs } from '@stockpulse/live';
import { addressField } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { AddressFields, type AddressForm as AddressValues } from '../checkout/AddressFields';
import { type FieldErrors, validate, withoutEdited } from '../lib/field-errors';
import { queryClient, trpc } from '../trpc';
import { FormError } from '../ui/Field';
import { toast } from '../ui/toast';
import { authProblem } from './auth-errors';

type Profile = RouterOutputs['account']['get'];

function toForm(address: Profile['address']): AddressValues {
  return {
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    region: address?.region ?? '',
    postalCode: address?.postalCode ?? '',
    country: address?.country ?? '',
  };
}

/** The default shipping address, prefilled at checkout. */
export function AddressForm({ profile }: { profile: Profile }) {
  const [form, setForm] = useState(() => toForm(profile.address));
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const update = useMutation(trpc.account.update.mutationOptions());

  const save = (address: Profile['address'], done: string) =>
    update.mutate(
      { address },
      {
        onSuccess: (saved) => {
          queryClient.setQueryData(trpc.account.get.queryKey(), saved);
          setForm(toForm(saved.address));
          toast.success(done);
        },
        onError: (error) => {
          const problem = authProblem(error);
          // The server reports address problems under `address` as a whole.
          setFields(problem.fields);
          setFormError(problem.fields.address ?? problem.form);
        },
      },
    );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = validate(addressField, form);
    if (!checked.ok) return setFields(checked.fields);
    setFields({});
    save(checked.data, 'Your address is saved');
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="address-heading">
      <h2 id="address-heading">Shipping address</h2>
      <p className="muted small">We fill this in for you at checkout.</p>
      <FormError message={formError} />
      <AddressFields
        value={form}
        onChange={(next) => {
          setFields((errors) => withoutEdited(errors, form, next));
          setForm(next);
        }}
        errors={fields}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save address'}
        </button>
        {profile.address && (
          <button
            type="button"
            className="button button-secondary"
            disabled={update.isPending}
            onClick={() => save(null, 'Your address is removed')}
          >
            Remove address
          </button>
        )}
      </div>
    </form>
  );
}
