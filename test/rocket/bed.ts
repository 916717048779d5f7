import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage } from '@ferry/storage';
import type { Store } from '@ferry/types';
import { FakeLl2Server } from './fake-ll2-server.ts';

/** What a rocket story runs against: a fake Launch Library on 127.0.0.1 and a results folder of its own. */
export interface RocketBed {
  fake: FakeLl2Server;
  dir: string;
  storage: Storage;
  results: Store;
}

export async function openRocketBed(label: string): Promise<RocketBed> {
  const fake = await FakeLl2Server.start();
  const dir = await mkdtemp(join(tmpdir(), `ferry-rocket-${label}-`));
  // Stores on s3:// go to an embedded S3 server whose data lives in the bed's folder (it starts only if one is asked for).
  const storage = await Storage.open({ embeddedDir: join(dir, 's3') });
  return { fake, dir, storage, results: await storage.store(join(dir, 'results')) };
}

export async function closeRocketBed(bed: RocketBed): Promise<void> {
  await bed.fake.close();
  await bed.storage.close();
  await rm(bed.dir, { recursive: true, force: true });
}
