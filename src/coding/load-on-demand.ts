/**
 * Data a finder loads on the first note that needs it (see ProcedureFinder.prepare): the load
 * runs once, callers that ask while it runs share it, and a failed load is forgotten so that the
 * next note tries again.
 */
export interface OnDemand<T> {
  /** The data, once loaded. */
  readonly value: T | undefined;
  /** The load in progress or started now; undefined when the data is already loaded. */
  load(): Promise<void> | undefined;
}

export function onDemand<T>(read: () => Promise<T>, value?: T): OnDemand<T> {
  let loaded = value;
  let loading: Promise<void> | undefined;
  return {
    get value() {
      return loaded;
    },
    load() {
      if (loaded !== undefined) return undefined;
      loading ??= read().then(
        (v) => {
          loaded = v;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
