import type { CreateClusterRequest } from '@ferry/yandex';

/** A small, valid CreateClusterRequest as the work stack would send it (REST units: bytes, int64 as strings). */
export function clusterRequest(options: { folderId: string; name: string; labels?: Record<string, string> }): CreateClusterRequest {
  return {
    folderId: options.folderId,
    name: options.name,
    labels: options.labels ?? {},
    zoneId: 'ru-central1-a',
    serviceAccountId: 'ajs-cluster-agent',
    configSpec: {
      versionId: '2.1',
      hadoop: { services: ['HDFS', 'YARN', 'SPARK'] },
      subclustersSpec: [
        {
          name: 'master',
          role: 'MASTERNODE',
          subnetId: 'e9b-subnet',
          hostsCount: '1',
          resources: { resourcePresetId: 's3-c2-m8', diskTypeId: 'network-ssd', diskSize: String(40 * 1024 ** 3) },
        },
      ],
    },
  };
}
