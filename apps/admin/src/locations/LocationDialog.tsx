import { apiError } from '@stockpulse/live';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { InputField, StockForm, wholeNumber } from '../inventory/stock-form';
import { describeError } from '../lib/errors';
import { trpc } from '../trpc';
import type { Location } from './useLocations';

/** The location form as typed. */
export interface LocationForm {
  name: string;
  code: string;
  country: string;
  fulfilsOnline: boolean;
  priority: string;
}

const formOf = (l: Location | null): LocationForm =>
  l
    ? {
        name: l.name,
        code: l.code,
        country: l.country,
        fulfilsOnline: l.fulfilsOnline,
        priority: String(l.priority),
      }
    : { name: '', code: '', country: 'US', fulfilsOnline: true, priority: '100' };

/** What `create` takes, or for `update` only what changed (the server refuses nothing-to-save). */
export function locationInput(form: LocationForm, saved: Location | null) {
  const all = {
    name: form.name.trim(),
    code: form.code.trim().toUpperCase(),
    country: form.country.trim().toUpperCase(),
    fulfilsOnline: form.fulfilsOnline,
    priority: wholeNumber(form.priority),
  };
  if (!saved) return all;
  return Object.fromEntries(
    Object.entries(all).filter(([key, value]) => !Object.is(saved[key as keyof Location], value)),
  ) as Partial<typeof all>;
}

/** Creates a location, or edits one. */
export function LocationDialog(props: { location: Location | null; onClose: () => void }) {
  const { location, onClose } = props;
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => formOf(location));
  const set = <K extends keyof LocationForm>(key: K, value: LocationForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const done = (message: string) => {
    void queryClient.invalidateQueries(trpc.admin.locations.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
    toast.success(message);
    onClose();
  };
  const create = useMutation(
    trpc.admin.locations.create.mutationOptions({
      onSuccess: (created) => done(`Created ${created.name}`),
    }),
  );
  const update = useMutation(
    trpc.admin.locations.update.mutationOptions({
      onSuccess: (updated) => done(`Saved ${updated.name}`),
    }),
  );
  const mutation = location ? update : create;
  const error = mutation.error;
  const info = error ? apiError(error) : null;
  const codeError =
    info?.cause === 'LOCATION_CODE_TAKEN'
      ? 'Another location has this code'
      : info?.fieldErrors.code;
  const fieldNames = ['name', 'code', 'country', 'priority'];
  const formError =
    info && !codeError && !fieldNames.some((name) => info.fieldErrors[name])
      ? describeError(error)
      : null;
  const submit = () => {
    const input = locationInput(form, location);
    if (!location) {
      create.mutate(input as Required<typeof input>);
      return;
    }
    if (Object.keys(input).length === 0) {
      toast.info('Nothing changed');
      onClose();
      return;
    }
    update.mutate({ id: location.id, ...input });
  };
  return (
    <StockForm
      id="location-form"
      title={location ? `Edit ${location.name}` : 'New location'}
      submitLabel={location ? 'Save' : 'Create location'}
      pending={mutation.isPending}
      failure={error}
      onClose={onClose}
      onSubmit={submit}
      intro={
        location
          ? 'Priority and online fulfilment apply to orders placed from now on; placed orders keep their allocations.'
          : 'Every product gets an empty stock row here at once.'
      }
      formError={formError}
    >
      <InputField
        label="Name"
        maxLength={100}
        error={info?.fieldErrors.name}
        value={form.name}
        onChange={(value) => set('name', value)}
      />
      <div className="form-row">
        <InputField
          label="Code"
          maxLength={16}
          placeholder="WH-EAST"
          error={codeError}
          value={form.code}
          onChange={(value) => set('code', value)}
        />
        <InputField
          label="Country"
          maxLength={2}
          placeholder="US"
          hint="Two letters"
          error={info?.fieldErrors.country}
          value={form.country}
          onChange={(value) => set('country', value)}
        />
      </div>
      <InputField
        label="Priority"
        numeric
        hint="Lower goes first when orders are allocated"
        error={info?.fieldErrors.priority}
        value={form.priority}
        onChange={(value) => set('priority', value)}
      />
      <label className="toggle">
        <input
          type="checkbox"
          checked={form.fulfilsOnline}
          onChange={(event) => set('fulfilsOnline', event.target.checked)}
        />
        Fulfils online orders (its stock counts as available in the shop)
      </label>
    </StockForm>
  );
}
