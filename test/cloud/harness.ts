import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeSample } from '@ferry/sample';
import { Storage } from '@ferry/storage';
import { MINIO, SPARK, startMinio, type RealS3 } from '@ferry/testbed';
import type { Store } from '@ferry/types';
import { createYandexClientFromEnv, type YandexClient } from '@ferry/yandex';
import { clusterRequest, generateServiceAccountKey, runLocalJob, runSparkJob, YandexEmulator, type EmulatorOptions } from '../emulator/index.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const FOLDER_ID = 'b1gferrytests';
/** Small, with every defect kind at a rate that puts some of each in quarantine. */
export const SAMPLE = {
  periods: 2,
  daysPerPeriod: 2,
  rowsPerDay: 200,
  seed: 20190822,
  defects: {
    duplicate: 0.01,
    invalid_customer: 0.01,
    non_positive_amount: 0.01,
    invalid_terminal: 0.01,
    terminal_out_of_range: 0.01,
    midnight_24h: 0.01,
    inconsistent_time: 0.01,
    malformed: 0.01,
    invalid_datetime: 0.01,
    invalid_fraud_label: 0.01,
  },
};

const BUCKETS = ['ferry-source', 'ferry-work', 'ferry-results'];

/**
 * How emulated jobs run on this machine, for test names: the real job on real Spark over MinIO, or, where either
 * is missing, the DuckDB stand-in over the embedded s3rver (and why).
 */
export const JOBS: { real: boolean; name: string } = (() => {
  const missing = SPARK.missing() ?? MINIO.missing();
  return missing ? { real: false, name: `the DuckDB stand-in (no real Spark here: ${missing})` } : { real: true, name: 'real Spark on MinIO' };
})();

/**
 * Everything an end-to-end cloud test needs, on 127.0.0.1: an S3 server (MinIO where it is installed, else the
 * embedded s3rver) with sample source files, the Yandex Cloud emulator whose jobs run as JOBS says, a service-account
 * key file, and the environment a child process (ferry, cloud-run, the fake stack) needs to use them.
 */
export interface CloudHarness {
  dir: string;
  storage: Storage;
  source: Store;
  emulator: YandexEmulator;
  client: YandexClient;
  s3Endpoint: string;
  /** Environment for child processes: S3, YC_* endpoints and key file, locations, and the cloud-run commands. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startCloudHarness(options: EmulatorOptions = {}): Promise<CloudHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-cloud-'));
  const minio: RealS3 | undefined = MINIO.missing() ? undefined : await startMinio();
  await minio?.createBuckets(BUCKETS);
  const storage = await Storage.open(
    minio ? { endpoint: minio.endpoint, accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey } : { embeddedDir: join(dir, 's3') },
  );
  const [source] = await Promise.all(BUCKETS.map((bucket) => storage.store(`s3://${bucket}`)));
  await writeSample(source!, SAMPLE);
  const s3 = minio ?? storage.embeddedS3!;
  const s3Endpoint = s3.endpoint;

  const key = generateServiceAccountKey();
  const keyFile = join(dir, 'sa-key.json');
  await writeFile(keyFile, key.json, { mode: 0o600 });
  const emulator = await YandexEmulator.start({
    serviceAccountKeys: [key.emulated],
    s3: { endpoint: s3Endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    runJob: JOBS.real ? runSparkJob : runLocalJob,
    ...options,
  });
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const env: Record<string, string> = {
    ...emulator.env,
    YC_SERVICE_ACCOUNT_KEY_FILE: keyFile,
    YC_FOLDER_ID: FOLDER_ID,
    FERRY_S3_ENDPOINT: s3Endpoint,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    FERRY_SOURCE: 's3://ferry-source',
    FERRY_WORK: 's3://ferry-work',
    FERRY_RESULTS: 's3://ferry-results',
    FERRY_CMD: `node ${join(repoRoot, 'packages', 'cli', 'bin', 'ferry.js')}`,
    FERRY_DEPLOY_CMD: `${tsx} ${join(repoRoot, 'test', 'cloud', 'fake-stack.ts')} deploy`,
    FERRY_DESTROY_CMD: `${tsx} ${join(repoRoot, 'test', 'cloud', 'fake-stack.ts')} destroy`,
    FERRY_WORK_OUTPUTS: join(dir, 'work-outputs.json'),
    FAKE_STACK_STATE: join(dir, 'fake-stack-state.json'),
    FAKE_STACK_BUCKET: 'ferry-work',
    // The sample is tiny, which `pnpm cloud-run`'s --engine auto would clean here: these tests are about the cluster.
    FERRY_AUTO_THRESHOLD: '1B',
  };
  const client = createYandexClientFromEnv(env, { retry: { minTimeoutMs: 5, maxTimeoutMs: 50 } });
  return {
    dir,
    storage,
    source: source!,
    emulator,
    client,
    s3Endpoint,
    env,
    async close() {
      await emulator.stop();
      await storage.close();
      await minio?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a ferry cluster (labelled app=ferry) on the harness's emulator, waits until it runs, and returns its id. */
export async function createWorkCluster(harness: CloudHarness): Promise<string> {
  const operation = await harness.client.createCluster(clusterRequest({ folderId: FOLDER_ID, name: 'ferry-work', labels: { app: 'ferry' } }));
  await harness.client.waitForOperation(operation, { pollIntervalMs: 20 });
  return String(operation.metadata?.clusterId);
}

/** Rows of every parquet file under a store prefix, as JSON, in a stable order (DuckDB reads them locally). */
export async function readParquetRows(store: Store, prefix: string, orderBy: string): Promise<unknown[]> {
  const objects = (await store.list(prefix)).filter((object) => object.key.endsWith('.parquet'));
  if (objects.length === 0) return [];
  const local = await mkdtemp(join(tmpdir(), 'ferry-parquet-'));
  try {
    for (const [index, object] of objects.entries()) await store.download(object.key, join(local, `${index}.parquet`));
    const files = (await readdir(local)).map((name) => `'${join(local, name)}'`);
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        `SELECT * FROM read_parquet([${files.join(', ')}], hive_partitioning = false) ORDER BY ${orderBy}`,
      );
      return reader.getRowObjectsJson();
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    await rm(local, { recursive: true, force: true });
  }
}
