export {
  migrate,
  openStore,
  resetStore,
  type Store,
  type StoreKind,
  type StoreOptions,
  storeOptionsFromEnv,
} from './db.js';
export { StoreError } from './errors.js';
export type * from './schema.js';
