export { parseSeedArgs, type SeedSizes } from './args';
export { DEMO_CUSTOMER } from './customers';
export { isSeeded } from './database';
export {
  defaultCustomers,
  SEED_DEFAULTS,
  type SeedOptions,
  type SeedSummary,
  seed,
} from './seed';
