// Stands in for `pnpm deploy:work` / `pnpm destroy:work` in end-to-end tests: creates and deletes the work
// cluster through the (emulated) Data Processing API, keeping a state file as Terraform would, and writes the
// stack outputs in `terraform output -json` format.
//   tsx test/cloud/fake-stack.ts deploy|destroy
// Env: YC_* (endpoints, credentials, YC_FOLDER_ID), FERRY_WORK_OUTPUTS, FAKE_STACK_STATE, FAKE_STACK_BUCKET,
//      FAKE_STACK_TTL_SECONDS (cluster expiry label, default 4 h).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createYandexClientFromEnv, FERRY_EXPIRES_AT_LABEL, isNotFound } from '@ferry/yandex';
import { clusterHosts } from '@ferry/types';
import { readStackConfig } from '../../stacks/config.ts';
import { clusterRequest } from '../emulator/cluster-request.ts';

const env = process.env;
const client = createYandexClientFromEnv(env, { retry: { minTimeoutMs: 20, maxTimeoutMs: 200 } });
const stateFile = env.FAKE_STACK_STATE!;
const outputsFile = env.FERRY_WORK_OUTPUTS!;
const wait = { pollIntervalMs: 50, timeoutMs: 60_000 };

async function deploy(): Promise<void> {
  const expiresAt = Math.floor(Date.now() / 1000) + Number(env.FAKE_STACK_TTL_SECONDS ?? 4 * 3600);
  const operation = await client.createCluster(
    clusterRequest({
      folderId: client.folderId!,
      name: `ferry-work-${Date.now()}`,
      labels: { app: 'ferry', [FERRY_EXPIRES_AT_LABEL]: String(expiresAt) },
      // The work stack's subclusters, from the same configuration (FERRY_MASTER_PRESET, FERRY_DATA_PRESET, …).
      hosts: clusterHosts(readStackConfig(env)).map((host) => ({
        role: host.role === 'master' ? ('MASTERNODE' as const) : ('DATANODE' as const),
        preset: host.preset,
        count: host.count,
      })),
    }),
  );
  const clusterId = String(operation.metadata?.clusterId);
  // Like Terraform state: known as soon as the create call returns, so a destroy finds a half-created cluster.
  await writeFile(stateFile, JSON.stringify({ clusterId }));
  await client.waitForOperation(operation, wait);
  const output = (value: string, sensitive = false) => ({ sensitive, type: 'string', value });
  await writeFile(
    outputsFile,
    JSON.stringify({
      cluster_id: output(clusterId),
      bucket: output(env.FAKE_STACK_BUCKET ?? 'ferry-work'),
      access_key: output(env.AWS_ACCESS_KEY_ID ?? 'S3RVER', true),
      secret_key: output(env.AWS_SECRET_ACCESS_KEY ?? 'S3RVER', true),
    }),
  );
  console.log(`fake-stack: cluster ${clusterId} running`);
}

async function destroy(): Promise<void> {
  const state = await readFile(stateFile, 'utf8').catch(() => undefined);
  if (!state) return console.log('fake-stack: nothing to destroy');
  const { clusterId } = JSON.parse(state) as { clusterId: string };
  try {
    await client.waitForOperation(await client.deleteCluster(clusterId), wait);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  await rm(stateFile, { force: true });
  await rm(outputsFile, { force: true });
  console.log(`fake-stack: cluster ${clusterId} deleted`);
}

const action = process.argv[2];
if (action === 'deploy') await deploy();
else if (action === 'destroy') await destroy();
else throw new Error('usage: fake-stack.ts deploy|destroy');
