import { FerryError } from './errors.ts';

/**
 * The work stack's cluster by default (stacks/config.ts reads FERRY_MASTER_PRESET, FERRY_DATA_PRESET and
 * FERRY_DATA_HOSTS with these defaults): one master and the data hosts Spark runs on.
 */
export const CLUSTER_DEFAULTS = { masterPreset: 's3-c2-m8', dataPreset: 's3-c4-m16', dataHosts: 1 } as const;

/** The hosts of the work stack's cluster, by subcluster: what they cost and how many cores run Spark. */
export interface ClusterHosts {
  role: 'master' | 'data';
  preset: string;
  count: number;
  cores: number;
}

export function clusterHosts(config: { masterPreset: string; dataPreset: string; dataHosts: number }): ClusterHosts[] {
  return [
    { role: 'master', preset: config.masterPreset, count: 1, cores: presetCores(config.masterPreset, 'FERRY_MASTER_PRESET') },
    { role: 'data', preset: config.dataPreset, count: config.dataHosts, cores: presetCores(config.dataPreset, 'FERRY_DATA_PRESET') },
  ];
}

/** The cluster's hosts as the work stack would deploy them with this environment (its FERRY_* variables). */
export function clusterHostsFromEnv(env: Record<string, string | undefined>): ClusterHosts[] {
  const dataHosts = env.FERRY_DATA_HOSTS ? Number(env.FERRY_DATA_HOSTS) : CLUSTER_DEFAULTS.dataHosts;
  if (!Number.isInteger(dataHosts) || dataHosts < 1)
    throw new FerryError(`FERRY_DATA_HOSTS is invalid (a whole number ≥ 1): the number of data hosts`);
  return clusterHosts({
    masterPreset: env.FERRY_MASTER_PRESET || CLUSTER_DEFAULTS.masterPreset,
    dataPreset: env.FERRY_DATA_PRESET || CLUSTER_DEFAULTS.dataPreset,
    dataHosts,
  });
}

/** Cores of the presets the docs list whose names do not say them (`s3-c4-m16`, `m3-c2-m16` do: c<cores>). */
const NAMED_PRESET_CORES: Record<string, number> = { 's2.micro': 2, 's2.small': 4 };

function presetCores(preset: string, variable: string): number {
  const cores = NAMED_PRESET_CORES[preset] ?? Number(/(?:^|-)c(\d+)(?:-|$)/.exec(preset)?.[1]);
  if (!Number.isInteger(cores) || cores < 1) {
    throw new FerryError(`${variable} is ${preset}: ferry cannot tell its cores (presets like s3-c4-m16 name them as c<cores>)`);
  }
  return cores;
}
