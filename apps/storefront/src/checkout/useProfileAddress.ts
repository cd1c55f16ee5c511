import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { trpc } from '../trpc';
import type { AddressForm } from './AddressFields';

/**
 * The customer's profile (`account.get`); when it arrives, the checkout form is filled
 * once with their name and saved address, so most customers only press "Place order".
 */
export function useProfileAddress(enabled: boolean, setAddress: (address: AddressForm) => void) {
  const profile = useQuery({ ...trpc.account.get.queryOptions(), enabled });
  const filled = useRef(false);
  useEffect(() => {
    if (!profile.data || filled.current) return;
    filled.current = true;
    const a = profile.data.address;
    setAddress({
      name: profile.data.name,
      line1: a?.line1 ?? '',
      line2: a?.line2 ?? '',
      city: a?.city ?? '',
      region: a?.region ?? '',
      postalCode: a?.postalCode ?? '',
      country: a?.country ?? '',
    });
  }, [profile.data, setAddress]);
  return profile;
}
