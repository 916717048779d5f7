import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@ferry/types';
import { generateSample } from './generate.ts';
import type { SampleOptions, SamplePeriodTruth } from './generate.ts';

/**
 * Writes every period as `YYYY-MM-DD.txt` at the root of `store` and returns the truth per period. Each file is
 * streamed to a temporary file while its size and MD5 are taken; an existing object with the same size and MD5
 * (the ETag of a directory store or of a single-part S3 upload) is left untouched, so re-running with more
 * periods only adds the new files.
 */
export async function writeSample(store: Store, options: SampleOptions): Promise<SamplePeriodTruth[]> {
  const directory = await mkdtemp(join(tmpdir(), 'ferry-sample-'));
  try {
    const truths: SamplePeriodTruth[] = [];
    for (const period of generateSample(options)) {
      const localPath = join(directory, period.name);
      const md5 = createHash('md5');
      let size = 0;
      const file = await open(localPath, 'w');
      try {
        for (const chunk of period.chunks()) {
          const bytes = Buffer.from(chunk, 'latin1');
          md5.update(bytes);
          size += bytes.length;
          await file.write(bytes);
        }
      } finally {
        await file.close();
      }
      const existing = await store.head(period.name);
      if (!existing || existing.size !== size || existing.etag !== md5.digest('hex')) {
        await store.upload(localPath, period.name, { contentType: 'text/plain' });
      }
      await rm(localPath);
      truths.push(period.truth());
    }
    return truths;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
