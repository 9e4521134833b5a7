/** A store could not be opened or migrated; the message names the store and the reason. */
export class StoreError extends Error {
  override name = 'StoreError';
}
