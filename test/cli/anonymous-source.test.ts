import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { Storage } from '@ferry/storage';
import { useMinio } from '@ferry/storage/test-support';
import { MINIO, skipNote, type RealS3 } from '@ferry/testbed';
import { ferry } from '../support/cli.ts';

const MINIO_NOTE = skipNote(MINIO);
const minio = useMinio();

/** The environment of a user who has no keys for any S3 server: none set, and shared files that do not exist. */
function keylessEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^(AWS_|FERRY_)/.test(name)) delete env[name];
  return { ...env, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'), AWS_CONFIG_FILE: join(dir, 'no-config') };
}

/** `otus-mlops-source-data` as a user without Yandex keys meets it: a public-read bucket, here on a real S3 server. */
describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given a public-read source bucket on a real S3 server and a user with no S3 keys at all`, () => {
  let s3: RealS3;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  let source: string;

  beforeAll(async () => {
    s3 = minio();
    cwd = await mkdtemp(join(tmpdir(), 'ferry-anonymous-'));
    env = keylessEnv(cwd);
    await s3.createBuckets(['public-source'], { publicRead: true });
    const owner = await Storage.open({ endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
    await writeSample(await owner.store('s3://public-source'), { periods: 2, daysPerPeriod: 1, rowsPerDay: 20, seed: 1 });
    await owner.close();
    source = `s3://public-source?endpoint=${s3.endpoint}&anonymous`;
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('when `ferry plan --source "s3://…?endpoint=…&anonymous"` runs, then it lists the periods of the bucket', async () => {
    const plan = await ferry(['plan', '--json', '--source', source, '--results', join(cwd, 'results')], { cwd, env });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { source: { source: string }[]; new: unknown[] };
    expect(parsed.source.map((period) => period.source)).toEqual(['2019-08-22.txt', '2019-08-23.txt']);
    expect(parsed.new).toHaveLength(2);
  });

  it('when the source has no ?anonymous and no keys exist, then it is read anonymously all the same, and ferry says so', async () => {
    const plan = await ferry(['plan', '--source', `s3://public-source?endpoint=${s3.endpoint}`, '--results', join(cwd, 'results')], { cwd, env });
    expect(plan.code).toBe(0);
    expect(plan.stderr).toBe(
      `note: the source s3://public-source (S3 at ${s3.endpoint}, region ru-central1; read anonymously: no credentials found for it)\n`,
    );
    expect(plan.stdout).toContain('source periods: 2');
  });

  it('when the work location is marked ?anonymous, then `ferry run` is refused in one line before anything is written', async () => {
    const run = await ferry(
      ['run', '--source', source, '--work', `s3://public-source/work?endpoint=${s3.endpoint}&anonymous`, '--results', join(cwd, 'results')],
      {
        cwd,
        env,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: s3://public-source/work is marked ?anonymous, but it is written here, and anonymous requests can only read: give it credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ?profile=).\n',
    );
  });

  it('when the whole run reads the public source anonymously into local work and results folders, then it publishes both periods', async () => {
    const run = await ferry(['run', '--source', source, '--work', join(cwd, 'work'), '--results', join(cwd, 'results'), '--threads', '1'], {
      cwd,
      env,
    });
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/processed 2 period\(s\)/);
  });
});
