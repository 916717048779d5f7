import type { CreateClusterRequest } from '@ferry/yandex';

/** A small, valid CreateClusterRequest as the work stack would send it (REST units: bytes, int64 as strings). */
export function clusterRequest(options: {
  folderId: string;
  name: string;
  labels?: Record<string, string>;
  /** The subclusters' roles, presets and host counts (default: one s3-c2-m8 master). */
  hosts?: { role: 'MASTERNODE' | 'DATANODE'; preset: string; count: number }[];
}): CreateClusterRequest {
  const hosts = options.hosts ?? [{ role: 'MASTERNODE', preset: 's3-c2-m8', count: 1 }];
  return {
    folderId: options.folderId,
    name: options.name,
    labels: options.labels ?? {},
    zoneId: 'ru-central1-a',
    serviceAccountId: 'ajs-cluster-agent',
    configSpec: {
      versionId: '2.1',
      hadoop: { services: ['HDFS', 'YARN', 'SPARK'] },
      subclustersSpec: hosts.map((host) => ({
        name: host.role === 'MASTERNODE' ? 'master' : 'data',
        role: host.role,
        subnetId: 'e9b-subnet',
        hostsCount: String(host.count),
        resources: { resourcePresetId: host.preset, diskTypeId: 'network-ssd', diskSize: String(40 * 1024 ** 3) },
      })),
    },
  };
}
