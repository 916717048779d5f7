import type { Storage } from '@ferry/storage';
import type { Store } from '@ferry/types';

/** The three locations every store-touching command shares, as `addLocationOptions` (options.ts) declares them. */
export interface LocationOptions {
  source: string;
  work: string;
  results: string;
  endpoint?: string;
  region?: string;
  /** Hash every local file instead of trusting a recorded hash (`--checksum`). */
  checksum?: boolean;
}

export type LocationName = 'source' | 'work' | 'results';

export interface StoreContext {
  storage: Storage;
  /**
   * Opens one of the three locations (the embedded server starts only when a location needs it). The source is only
   * read: without credentials for it, it is read anonymously, and a note on stderr says so.
   */
  open(name: LocationName): Promise<Store>;
  /** Human description of a location: where it is, never credentials. */
  describe(name: LocationName): string;
  options: LocationOptions;
}

/** Runs `fn` with the command's locations and always closes storage (stopping the embedded server) afterwards. */
export async function withStores<T>(options: LocationOptions, fn: (context: StoreContext) => Promise<T>): Promise<T> {
  const overrides: { endpoint?: string; region?: string; checksum?: boolean } = {};
  if (options.endpoint) overrides.endpoint = options.endpoint;
  if (options.region) overrides.region = options.region;
  if (options.checksum) overrides.checksum = true;
  // Loaded here, not at start-up: `ferry --help` needs no storage (see bin/compile.js).
  const { Storage, storageConfigFromEnv } = await import('@ferry/storage');
  const storage = await Storage.open(storageConfigFromEnv(process.env, overrides));
  const opened = new Map<LocationName, Promise<Store>>();
  const context: StoreContext = {
    storage,
    options,
    open(name) {
      const existing = opened.get(name);
      if (existing) return existing;
      const url = options[name];
      const store: Promise<Store> = storage.store(url, { readOnly: name === 'source' }).then((opened) => {
        if (storage.readsAnonymously(url)) process.stderr.write(`note: the ${name} ${storage.describe(url)}\n`);
        return opened;
      });
      opened.set(name, store);
      return store;
    },
    describe: (name) => storage.describe(options[name]),
  };
  try {
    return await fn(context);
  } finally {
    await storage.close();
  }
}
