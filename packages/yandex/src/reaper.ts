import { formatDuration } from './duration.ts';
import { isNotFound, YandexApiError } from './http.ts';
import type { Cluster, Operation, YandexClient } from './client.ts';

/** Every cluster ferry creates carries these labels; the reaper never touches a cluster without `app=ferry`. */
export const FERRY_APP_LABEL = { key: 'app', value: 'ferry' } as const;
/** Unix seconds after which a ferry cluster is a leftover. */
export const FERRY_EXPIRES_AT_LABEL = 'ferry-expires-at';

export type ReapAction = 'deleted' | 'would delete' | 'kept' | 'failed';

export interface ReapRow {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  ageMs: number;
  action: ReapAction;
  /** Why a cluster is kept (`expires in 3h`) or why its deletion failed. */
  detail?: string;
}

export interface ReapOptions {
  client: YandexClient;
  folderId: string;
  now?: number;
  dryRun?: boolean;
  /** Delete clusters created more than this long ago, whatever their expiry label says. */
  olderThanMs?: number;
  pollIntervalMs?: number;
  /** How long to wait for one delete operation. */
  deleteTimeoutMs?: number;
  signal?: AbortSignal;
}

export function isFerryCluster(cluster: Cluster): boolean {
  return cluster.labels[FERRY_APP_LABEL.key] === FERRY_APP_LABEL.value;
}

/**
 * Deletes leftover ferry clusters (labelled app=ferry) whose ferry-expires-at has passed, or that are older
 * than olderThanMs; in any state. Idempotent: a cluster already gone or being deleted counts as deleted.
 * Returns one row per ferry cluster.
 */
export async function reapClusters(options: ReapOptions): Promise<ReapRow[]> {
  const now = options.now ?? Date.now();
  const clusters = (await options.client.listClusters(options.folderId, { signal: options.signal })).filter(isFerryCluster);
  return Promise.all(
    clusters.map(async (cluster): Promise<ReapRow> => {
      const row = {
        id: cluster.id,
        name: cluster.name,
        status: cluster.status,
        createdAt: cluster.createdAt,
        ageMs: now - Date.parse(cluster.createdAt),
      };
      const keep = reasonToKeep(cluster, now, options.olderThanMs);
      if (keep) return { ...row, action: 'kept', detail: keep };
      if (options.dryRun) return { ...row, action: 'would delete' };
      try {
        await deleteAndWait(options, cluster.id);
        return { ...row, action: 'deleted' };
      } catch (error) {
        return { ...row, action: 'failed', detail: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

function reasonToKeep(cluster: Cluster, now: number, olderThanMs: number | undefined): string | undefined {
  if (olderThanMs !== undefined) {
    const age = now - Date.parse(cluster.createdAt);
    return age >= olderThanMs ? undefined : `younger than ${formatDuration(olderThanMs)}`;
  }
  const label = cluster.labels[FERRY_EXPIRES_AT_LABEL];
  const expiresAt = Number(label) * 1000;
  if (!label || !Number.isFinite(expiresAt)) return `no valid ${FERRY_EXPIRES_AT_LABEL} label`;
  return expiresAt <= now ? undefined : `expires in ${formatDuration(expiresAt - now)}`;
}

async function deleteAndWait(options: ReapOptions, clusterId: string): Promise<void> {
  const wait = { pollIntervalMs: options.pollIntervalMs ?? 5_000, timeoutMs: options.deleteTimeoutMs ?? 30 * 60_000, signal: options.signal };
  let operation: Operation;
  try {
    operation = await options.client.deleteCluster(clusterId, options.signal);
  } catch (error) {
    if (isNotFound(error)) return;
    // Refused while another delete runs (a second reaper, or the stack's destroy): wait for that one instead.
    const running =
      error instanceof YandexApiError && error.status !== undefined && error.status < 500 ? await pendingDelete(options, clusterId) : undefined;
    if (!running) throw error;
    operation = running;
  }
  try {
    await options.client.waitForOperation(operation, wait);
  } catch (error) {
    if (!(await isGone(options, clusterId))) throw error;
  }
}

async function pendingDelete(options: ReapOptions, clusterId: string): Promise<Operation | undefined> {
  try {
    const operations = await options.client.listClusterOperations(clusterId, options.signal);
    return operations.find(
      (operation) => !operation.done && /delete/i.test(`${operation.description ?? ''} ${String(operation.metadata?.['@type'] ?? '')}`),
    );
  } catch (error) {
    if (isNotFound(error)) return { id: '', done: true };
    throw error;
  }
}

async function isGone(options: ReapOptions, clusterId: string): Promise<boolean> {
  try {
    await options.client.getCluster(clusterId, options.signal);
    return false;
  } catch (error) {
    return isNotFound(error);
  }
}

/** One line per cluster: id, name, state, age, action. */
export function formatReapRow(row: ReapRow): string {
  const action = !row.detail ? row.action : row.action === 'failed' ? `failed: ${row.detail}` : `${row.action} (${row.detail})`;
  return `${row.id}  ${row.name}  ${row.status}  age ${formatDuration(row.ageMs)}  ${action}`;
}
