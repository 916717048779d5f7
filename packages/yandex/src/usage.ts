import { setTimeout as sleep } from 'node:timers/promises';
import { FerryError, type ClusterUsage } from '@ferry/types';
import { isNotFound } from './http.ts';
import type { Operation, YandexClient } from './client.ts';

/**
 * A cluster's host time, from the cloud's own record of it: its create operation's start and its delete operation's
 * end, times its hosts. Terraform deletes the cluster, so ferry never holds the delete operation's id: it is found
 * among the cluster's operations while the deletion runs (a cluster stays listed, with its operations, until its
 * delete operation is done), and read by id once the cluster is gone.
 */
export interface ClusterWatch {
  /** Resolves with the usage once the cluster is deleted; rejects when the deletion was never seen, or on `stop`. */
  readonly deleted: Promise<ClusterUsage>;
  /** Gives up watching (the destroy failed: the cluster may live on). */
  stop(reason: string): void;
}

const CREATE = /\.CreateClusterMetadata$/;
const DELETE = /\.DeleteClusterMetadata$/;

/**
 * Starts watching a running cluster before it is destroyed: reads its subclusters and create operation now, then
 * polls its operations until a delete operation appears and waits for that to finish.
 */
export async function watchCluster(client: YandexClient, clusterId: string, options: { pollIntervalMs?: number } = {}): Promise<ClusterWatch> {
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const [subclusters, operations] = await Promise.all([client.listSubclusters(clusterId), client.listClusterOperations(clusterId)]);
  const created = operations.find((operation) => CREATE.test(String(operation.metadata?.['@type'])));
  if (!created?.createdAt) throw new FerryError(`cluster ${clusterId} lists no create operation with a start time`);
  const hosts = subclusters.map((subcluster) => ({
    role: subcluster.role,
    preset: subcluster.resources.resourcePresetId,
    count: subcluster.hostsCount,
  }));
  const abort = new AbortController();

  async function deleteOperation(): Promise<Operation> {
    for (;;) {
      let listed: Operation[];
      try {
        listed = await client.listClusterOperations(clusterId, abort.signal);
      } catch (error) {
        if (isNotFound(error)) throw new FerryError(`cluster ${clusterId} was gone before its delete operation was seen: its host time is unknown`);
        throw error;
      }
      const found = listed.find((operation) => DELETE.test(String(operation.metadata?.['@type'])));
      if (found) return found;
      await sleep(pollIntervalMs, undefined, { signal: abort.signal });
    }
  }

  async function usage(): Promise<ClusterUsage> {
    const done = await client.waitForOperation(await deleteOperation(), { pollIntervalMs, signal: abort.signal });
    if (!done.modifiedAt) throw new FerryError(`the delete operation ${done.id} of cluster ${clusterId} has no end time`);
    const seconds = (Date.parse(done.modifiedAt) - Date.parse(created!.createdAt!)) / 1000;
    const hostSeconds: Record<string, number> = {};
    for (const host of hosts) hostSeconds[host.preset] = (hostSeconds[host.preset] ?? 0) + host.count * seconds;
    return { cluster_id: clusterId, created_at: created!.createdAt!, deleted_at: done.modifiedAt, hosts, host_seconds: hostSeconds };
  }

  const deleted = usage();
  deleted.catch(() => undefined);
  return {
    deleted,
    stop: (reason) => abort.abort(new FerryError(`stopped watching cluster ${clusterId}: ${reason}`)),
  };
}
