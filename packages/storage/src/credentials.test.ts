import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIO, skipNote } from '@ferry/testbed';
import { Storage } from './storage.ts';
import { tempDir, useMinio } from './test-support.ts';

const MINIO_NOTE = skipNote(MINIO);
const minio = useMinio();
let dir: Awaited<ReturnType<typeof tempDir>>;
/** Shared files that do not exist: no test here picks up a developer's own ~/.aws. */
let nowhere: { sharedCredentialsFile: string; sharedConfigFile: string };

beforeAll(async () => {
  dir = await tempDir('credentials');
  nowhere = { sharedCredentialsFile: path.join(dir.dir, 'none', 'credentials'), sharedConfigFile: path.join(dir.dir, 'none', 'config') };
  if (!MINIO.missing()) {
    await minio().createBuckets(['public-data'], { publicRead: true });
    await minio().createBuckets(['private-data']);
    const owner = await Storage.open({ endpoint: minio().endpoint, accessKeyId: minio().accessKeyId, secretAccessKey: minio().secretAccessKey });
    await (await owner.store('s3://public-data')).write('2019-08-22.txt', 'public lines\n');
    await (await owner.store('s3://private-data')).write('secret.txt', 'private lines\n');
    await owner.close();
  }
});
afterAll(async () => {
  await dir.remove();
});

/** A Storage with no keys at all, on MinIO, reading the given shared files (default: none). */
function keyless(files = nowhere, profile?: string): Promise<Storage> {
  return Storage.open({ endpoint: minio().endpoint, region: 'us-east-1', ...files, ...(profile && { profile }) });
}

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given a public-read bucket and a private one on a real S3 server (MinIO)`, () => {
  it('when the public one is opened read-only with no credentials anywhere, then it is listed and read unsigned, and described as read anonymously', async () => {
    const storage = await keyless();
    try {
      const source = await storage.store('s3://public-data', { readOnly: true });
      expect((await source.list()).map((object) => object.key)).toEqual(['2019-08-22.txt']);
      expect(await source.readText('2019-08-22.txt')).toBe('public lines\n');
      expect(storage.readsAnonymously('s3://public-data')).toBe(true);
      expect(storage.describe('s3://public-data')).toBe(
        `s3://public-data (S3 at ${minio().endpoint}, region us-east-1; read anonymously: no credentials found for it)`,
      );
    } finally {
      await storage.close();
    }
  });

  it('when it is marked ?anonymous, then it is read unsigned even though keys are configured, and the description says anonymous', async () => {
    const storage = await Storage.open({ endpoint: minio().endpoint, accessKeyId: 'not-a-key', secretAccessKey: 'not-a-secret', ...nowhere });
    try {
      const source = await storage.store('s3://public-data?anonymous', { readOnly: true });
      expect(await source.readText('2019-08-22.txt')).toBe('public lines\n');
      expect(storage.describe('s3://public-data?anonymous')).toMatch(/, anonymous\)$/);
    } finally {
      await storage.close();
    }
  });

  it('when an anonymous reader writes, then the server refuses and the error is one line that says the request was anonymous', async () => {
    const storage = await keyless();
    try {
      const source = await storage.store('s3://public-data', { readOnly: true });
      const error = (await source.write('new.txt', 'x').catch((caught: unknown) => caught)) as Error;
      expect(error.message).toBe(
        's3://public-data/new.txt: access denied to an anonymous request (this location is read without credentials) (403 AccessDenied) on upload',
      );
      expect(error.message).not.toContain('\n');
    } finally {
      await storage.close();
    }
  });

  it('when a store that is written is marked ?anonymous, then it is refused before any request', async () => {
    const storage = await keyless();
    try {
      await expect(storage.store('s3://public-data?anonymous')).rejects.toThrow(
        's3://public-data is marked ?anonymous, but it is written here, and anonymous requests can only read: give it credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ?profile=).',
      );
    } finally {
      await storage.close();
    }
  });

  it('when a store that is written has no credentials, then it is refused naming every way to give them', async () => {
    const storage = await keyless();
    try {
      await expect(storage.store('s3://private-data')).rejects.toThrow(
        /^No S3 credentials for s3:\/\/private-data at http:\/\/127\.0\.0\.1:\d+: set AWS_ACCESS_KEY_ID/,
      );
    } finally {
      await storage.close();
    }
  });

  it('when the private one is read anonymously, then access is denied in one line', async () => {
    const storage = await keyless();
    try {
      const store = await storage.store('s3://private-data', { readOnly: true });
      await expect(store.list()).rejects.toThrow(
        /^s3:\/\/private-data: access denied to an anonymous request .*\(403 AccessDenied\) on ListObjectsV2$/,
      );
    } finally {
      await storage.close();
    }
  });
});

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given AWS shared credentials and config files with several profiles`, () => {
  let files: typeof nowhere;

  beforeAll(async () => {
    files = { sharedCredentialsFile: path.join(dir.dir, 'credentials'), sharedConfigFile: path.join(dir.dir, 'config') };
    await writeFile(
      files.sharedCredentialsFile,
      [
        '[owner]',
        `aws_access_key_id = ${minio().accessKeyId}`,
        `aws_secret_access_key = ${minio().secretAccessKey}`,
        '[stranger]',
        'aws_access_key_id = strangerkey',
        'aws_secret_access_key = strangersecret',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    // A profile may keep its keys in the config file too, as `aws configure --profile` can.
    await writeFile(
      files.sharedConfigFile,
      ['[profile from-config]', `aws_access_key_id = ${minio().accessKeyId}`, `aws_secret_access_key = ${minio().secretAccessKey}`, ''].join('\n'),
      { mode: 0o600 },
    );
  });

  it('when two locations name different profiles, then each is signed with its own: one writes, the other is refused', async () => {
    const storage = await keyless(files);
    try {
      const mine = await storage.store('s3://private-data/mine?profile=owner');
      await mine.write('a.txt', 'by owner');
      expect(await mine.readText('a.txt')).toBe('by owner');
      const theirs = await storage.store('s3://private-data/mine?profile=stranger');
      await expect(theirs.readText('a.txt')).rejects.toThrow(
        /^s3:\/\/private-data\/mine\/a\.txt\?profile=stranger: access denied \(403 InvalidAccessKeyId\) on GetObject$/,
      );
      expect(storage.describe('s3://private-data/mine?profile=owner')).toMatch(/, profile owner\)$/);
    } finally {
      await storage.close();
    }
  });

  it('when AWS_PROFILE names a profile of the config file, then locations without their own are signed with it', async () => {
    const storage = await keyless(files, 'from-config');
    try {
      expect(await (await storage.store('s3://private-data')).readText('secret.txt')).toBe('private lines\n');
    } finally {
      await storage.close();
    }
  });

  it('when a named profile is not in the files, then opening the location is one line naming the profile and where it was asked for', async () => {
    const storage = await keyless(files, 'missing');
    try {
      const error = (await storage.store('s3://private-data').catch((caught: unknown) => caught)) as Error;
      expect(error.message).toMatch(/^No S3 credentials for s3:\/\/private-data: the profile "missing" \(AWS_PROFILE\) gives none: /);
      expect(error.message).not.toContain('\n');
      await expect(storage.store('s3://private-data?profile=nobody', { readOnly: true })).rejects.toThrow(
        /the profile "nobody" \(\?profile=\) gives none/,
      );
    } finally {
      await storage.close();
    }
  });
});
