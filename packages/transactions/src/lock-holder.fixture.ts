/**
 * Tests only: a process of its own that takes the run lock of the results store named on its command line, says so
 * ("holding <pid>"), and holds it until it is killed — the lock a run leaves behind when it dies.
 * The store's endpoint and credentials come from the environment, as for `ferry`.
 */
import { Storage, storageConfigFromEnv } from '@ferry/storage';
import { acquireRunLock } from './lock.ts';

const [location, runId] = process.argv.slice(2);
const storage = await Storage.open(storageConfigFromEnv());
await acquireRunLock({ results: await storage.store(location!), runId: runId!, now: () => new Date(), onRenewFailed: () => undefined });
process.stdout.write(`holding ${process.pid}\n`);
setInterval(() => undefined, 60_000);
