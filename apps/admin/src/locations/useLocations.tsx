import type { RouterOutputs } from '@stockpulse/live';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../trpc';

export type Location = RouterOutputs['admin']['locations']['list'][number];

/** Every location, by priority (archived ones last), and the active ones for pickers. */
export function useLocations() {
  const query = useQuery(trpc.admin.locations.list.queryOptions());
  const active = query.data?.filter((location) => location.active);
  const name = (id: number) => query.data?.find((location) => location.id === id)?.name ?? `#${id}`;
  return { query, all: query.data, active, name };
}

/** A location picker's select: "All locations" first when `allLabel` is given. */
export function LocationSelect(props: {
  id?: string;
  label?: string;
  value: number | undefined;
  locations: readonly Location[] | undefined;
  allLabel?: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  onChange: (id: number | undefined) => void;
}) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      value={props.value ?? ''}
      onChange={(event) =>
        props.onChange(event.target.value === '' ? undefined : Number(event.target.value))
      }
    >
      {props.allLabel !== undefined ? (
        <option value="">{props.allLabel}</option>
      ) : (
        props.value === undefined && <option value="">Choose…</option>
      )}
      {props.locations?.map((location) => (
        <option key={location.id} value={location.id}>
          {location.name} ({location.code})
        </option>
      ))}
    </select>
  );
}
