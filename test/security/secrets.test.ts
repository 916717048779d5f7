import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { Storage, startEmbeddedS3, type EmbeddedS3 } from '@ferry/storage';
import { ferry, type CliResult } from '../support/cli.ts';

/** Every file under a folder, as text. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { path, text: await readFile(path, 'latin1') };
      }),
  );
}

describe('given a source bucket on an S3 endpoint that needs credentials from the environment', () => {
  let root: string;
  let server: EmbeddedS3;
  const yandexToken = 't1.yc-iam-token-that-must-not-leak-0123456789';
  const llToken = 'launch-library-token-must-not-leak';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ferry-secrets-'));
    // Seed the bucket through an embedded server on the same data folder, then serve that folder as a plain endpoint.
    const seeding = await Storage.open({ endpoint: 'embedded', embeddedDir: join(root, 'remote') });
    await writeSample(await seeding.store('s3://remote-source'), { periods: 1, daysPerPeriod: 2, rowsPerDay: 200, seed: 3 });
    await seeding.close();
    server = await startEmbeddedS3({ dir: join(root, 'remote') });
  });
  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  const run = (results: string, env: NodeJS.ProcessEnv): Promise<CliResult> =>
    ferry(['run', '--source', 's3://remote-source', '--work', join(root, 'work'), '--results', results, '--endpoint', server.endpoint, '--debug'], {
      cwd: root,
      env: { YC_TOKEN: yandexToken, LL2_API_TOKEN: llToken, ...env },
    });

  it('when a run succeeds and another fails on a wrong key, then no credential appears in any log line, report, run record or error message', async () => {
    const results = join(root, 'results');
    const good = await run(results, { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.secretAccessKey });
    expect(good.code).toBe(0);

    const wrongKey = 'AKIAFERRYWRONGKEY0001';
    const wrongSecret = 'wrong-secret-access-key-value-0001';
    const bad = await run(join(root, 'results-bad'), { AWS_ACCESS_KEY_ID: wrongKey, AWS_SECRET_ACCESS_KEY: wrongSecret });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/access denied|InvalidAccessKeyId|403/i);

    const written = [...(await filesUnder(results)), ...(await filesUnder(join(root, 'results-bad')))];
    const runFiles = written.filter((file) => /runs\/[^/]+\/(run\.json|log\.ndjson|report\.md|report\.html|quality\.json)$/.test(file.path));
    expect(runFiles.length).toBeGreaterThanOrEqual(7);
    const outputs = [good.stdout, good.stderr, bad.stdout, bad.stderr, ...written.map((file) => file.text)];
    for (const secret of [server.secretAccessKey, wrongKey, wrongSecret, yandexToken, llToken]) {
      for (const text of outputs) expect(text.includes(secret), `a credential leaked`).toBe(false);
    }
  });
});
