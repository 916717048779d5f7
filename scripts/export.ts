#!/usr/bin/env tsx
/**
 * The workshop's export script: copies the results store — data, quarantine, run logs and reports — or one run of it
 * into <dir>/ferry-export-<UTC time>/ on this machine, as plain files with a README.txt index. The work is done by
 * @ferry/runs with every pipeline's keys (the same code as `ferry export`); this is only the shell entry point.
 *
 *   pnpm export <dir> [--run <run-id>] [--results <s3://bucket/prefix|dir>] [--endpoint <url|embedded|yandex>]
 *
 * --results defaults to FERRY_RESULTS, then s3://ferry-results; credentials come from the usual AWS_* variables.
 */
import { echo, parseArgv } from 'zx';
import { rocketKeys } from '@ferry/rocket';
import { exportResults, formatBytes } from '@ferry/runs';
import { Storage, storageConfigFromEnv } from '@ferry/storage';
import { transactionsKeys } from '@ferry/transactions';
import { FerryError } from '@ferry/types';

const args = parseArgv(process.argv.slice(2), { string: ['run', 'results', 'endpoint'] });
const [dir] = args._;
if (!dir || args._.length > 1) {
  process.stderr.write('usage: pnpm export <dir> [--run <run-id>] [--results <url|dir>] [--endpoint <url|embedded|yandex>]\n');
  process.exit(2);
}

const resultsUrl: string = args.results ?? process.env.FERRY_RESULTS ?? 's3://ferry-results';
try {
  const storage = await Storage.open(storageConfigFromEnv(process.env, args.endpoint ? { endpoint: args.endpoint } : {}));
  try {
    const exported = await exportResults(await storage.store(resultsUrl), String(dir), {
      pipelines: [transactionsKeys, rocketKeys],
      ...(args.run ? { runId: args.run } : {}),
    });
    echo(`Exported ${exported.files} files (${formatBytes(exported.bytes)}) from ${storage.describe(resultsUrl)}`);
    echo(`  to ${exported.dir}`);
    echo(`  start with ${exported.dir}/README.txt`);
  } finally {
    await storage.close();
  }
} catch (error) {
  if (!(error instanceof FerryError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
