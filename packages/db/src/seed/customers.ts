import {
  CITIES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  STREET_SUFFIXES,
  STREETS,
} from './people-data';
import { Rng } from './prng';

/** The demo shopper: always customer number one, with this login. */
export const DEMO_CUSTOMER = {
  email: 'shopper@stockpulse.local',
  password: 'shopper-demo-1',
  name: 'Jordan Lee',
} as const;

/** The admin is user 1; customer `k` (0-based) is user and customer `k + 2`. */
export const ADMIN_USER_ID = 1;
export const customerId = (index: number) => index + 2;

export interface ShippingAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface Customer extends ShippingAddress {
  name: string;
  email: string;
  phone: string;
}

/** Every customer's profile, in id order; the demo shopper first. */
export function planCustomers(seed: number, count: number): Customer[] {
  const rng = new Rng(seed, 'customers');
  const out: Customer[] = [];
  for (let k = 0; k < count; k++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const [city, region, zip, area] = rng.pick(CITIES);
    const address: ShippingAddress = {
      line1: `${rng.int(1, 9899)} ${rng.pick(STREETS)} ${rng.pick(STREET_SUFFIXES)}`,
      line2: rng.chance(0.22) ? `Apt ${rng.int(1, 40)}${rng.pick(['', 'A', 'B', 'C'])}` : null,
      city,
      region,
      postalCode: `${zip}${String(rng.int(1, 99)).padStart(2, '0')}`,
      country: 'US',
    };
    // 555-01xx numbers are reserved for fiction.
    const phone = `+1 ${area}-555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
    // The id in the mailbox keeps every generated address unique.
    const mailbox = `${first}.${last}${customerId(k)}`.toLowerCase().normalize('NFD');
    const email = `${mailbox.replace(/[^a-z0-9.]/g, '')}@${rng.pick(EMAIL_DOMAINS)}`;
    out.push(
      k === 0
        ? { ...address, name: DEMO_CUSTOMER.name, email: DEMO_CUSTOMER.email, phone }
        : { ...address, name: `${first} ${last}`, email, phone },
    );
  }
  return out;
}
