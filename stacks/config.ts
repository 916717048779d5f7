// Stack configuration from the environment (and cdktf context), validated with clear messages.
import { z } from 'zod';
import { CLUSTER_DEFAULTS, FerryError } from '@ferry/types';

export interface StackConfig {
  cloudId?: string;
  /** Unset: the stacks take the folder from the `folder_id` Terraform variable at deploy time. */
  folderId?: string;
  zone: string;
  /** Unset: `ferry-results-<folder>`, resolved by Terraform from the folder variable. */
  resultsBucket?: string;
  noncurrentVersionDays: number;
  /** Unset: `ferry-work-<folder>`, resolved by Terraform from the folder variable. */
  workBucket?: string;
  runId: string;
  clusterTtlSeconds: number;
  imageVersion: (typeof IMAGE_VERSIONS)[number];
  masterPreset: string;
  dataPreset: string;
  diskType: string;
  diskSizeGb: number;
  dataHosts: number;
  subnetCidr: string;
  /** SSH ingress is opened only when set. */
  sshCidr?: string;
  /** Unset: the hosts get a throwaway key nobody holds (see stacks.ts). */
  sshPublicKey?: string;
  /** Remote state on Object Storage when set; local state under .ferry/tfstate/ otherwise. */
  stateBucket?: string;
  /** Injected clock for the cluster's expiry label. */
  now: () => Date;
}

const labelValue = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;
const bucketName = /^[a-z0-9][-.a-z0-9]{1,61}[a-z0-9]$/;
const cidr = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const sshPublicKey = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,2}( \S.*)?$/;
/**
 * The images the generated job runs on: it needs Spark 3.3 or later (2.0 has Spark 3.0, without unix_seconds).
 * A bare minor version, as the provider accepts it: the cluster gets that line's newest image.
 */
export const IMAGE_VERSIONS = ['2.1', '2.2'] as const;
const IMAGE_VERSION_MESSAGE = '2.1, the default, or 2.2: the job needs Spark 3.3 or later, and 2.0 has Spark 3.0';
/** Also checked by Terraform (the folder_id variable's validation), for a folder given only at deploy time. */
export const FOLDER_ID_PATTERN = /^[a-z0-9]+$/;

/** Each variable: its environment name, what it means (for errors) and how to read it. */
const variables = {
  cloudId: { name: 'YC_CLOUD_ID', about: 'the Yandex Cloud cloud id', schema: z.string().min(1).optional() },
  folderId: {
    name: 'YC_FOLDER_ID',
    about: 'the Yandex Cloud folder to deploy into',
    schema: z.string().regex(FOLDER_ID_PATTERN, 'lowercase letters and digits').optional(),
  },
  zone: {
    name: 'YC_ZONE',
    about: 'the availability zone, e.g. ru-central1-a',
    schema: z
      .string()
      .regex(/^[a-z]+-[a-z0-9]+-[a-z]$/, 'a zone such as ru-central1-a')
      .default('ru-central1-a'),
  },
  resultsBucket: {
    name: 'FERRY_RESULTS_BUCKET',
    about: 'the persistent results bucket name',
    schema: z.string().regex(bucketName, 'a bucket name (3-63 lowercase letters, digits, dots, hyphens)').optional(),
  },
  noncurrentVersionDays: {
    name: 'FERRY_RESULTS_NONCURRENT_DAYS',
    about: 'days to keep noncurrent result versions',
    schema: z.coerce.number().int().min(1).default(30),
  },
  workBucket: {
    name: 'FERRY_WORK_BUCKET',
    about: 'the ephemeral work bucket name',
    schema: z.string().regex(bucketName, 'a bucket name (3-63 lowercase letters, digits, dots, hyphens)').optional(),
  },
  runId: {
    name: 'FERRY_RUN_ID',
    about: 'the run the work stack serves',
    schema: z.string().regex(labelValue, 'lowercase letters, digits and inner hyphens, at most 40').default('manual'),
  },
  clusterTtlHours: {
    name: 'FERRY_CLUSTER_TTL_HOURS',
    about: 'hours until the cluster counts as expired',
    schema: z.coerce.number().positive().max(168).default(4),
  },
  imageVersion: {
    name: 'FERRY_DATAPROC_IMAGE',
    about: 'the Data Processing image version',
    schema: z.enum(IMAGE_VERSIONS, IMAGE_VERSION_MESSAGE).default('2.1'),
  },
  masterPreset: { name: 'FERRY_MASTER_PRESET', about: 'the master host preset', schema: z.string().min(1).default(CLUSTER_DEFAULTS.masterPreset) },
  dataPreset: { name: 'FERRY_DATA_PRESET', about: 'the data host preset', schema: z.string().min(1).default(CLUSTER_DEFAULTS.dataPreset) },
  diskType: {
    name: 'FERRY_DISK_TYPE',
    about: 'the host disk type',
    schema: z.enum(['network-hdd', 'network-ssd', 'network-ssd-nonreplicated']).default('network-hdd'),
  },
  diskSizeGb: { name: 'FERRY_DISK_SIZE_GB', about: 'the host disk size in GB', schema: z.coerce.number().int().min(20).max(8184).default(40) },
  dataHosts: {
    name: 'FERRY_DATA_HOSTS',
    about: 'the number of data hosts',
    schema: z.coerce.number().int().min(1).max(32).default(CLUSTER_DEFAULTS.dataHosts),
  },
  subnetCidr: {
    name: 'FERRY_SUBNET_CIDR',
    about: 'the cluster subnet (/16 to /28)',
    schema: z.string().regex(cidr, 'an IPv4 CIDR').default('10.42.0.0/24'),
  },
  sshCidr: {
    name: 'FERRY_SSH_CIDR',
    about: 'the only source allowed to reach the hosts over SSH',
    schema: z.string().regex(cidr, 'an IPv4 CIDR').optional(),
  },
  sshPublicKey: {
    name: 'FERRY_SSH_PUBLIC_KEY',
    about: 'the SSH public key installed on the hosts',
    schema: z.string().trim().regex(sshPublicKey, 'one OpenSSH public key line, e.g. the content of ~/.ssh/id_ed25519.pub').optional(),
  },
  stateBucket: {
    name: 'FERRY_TF_STATE_BUCKET',
    about: 'the bucket holding Terraform state',
    schema: z.string().regex(bucketName, 'a bucket name').optional(),
  },
} as const;

type Variables = typeof variables;
type Parsed = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

/** The environment variable names the stacks read, for docs and the deploy script. */
export const CONFIG_VARIABLES = Object.values(variables).map((v) => v.name);

/**
 * Reads the configuration: each variable from the environment, else from cdktf context under the same name.
 * Nothing is required (the folder can wait until deploy); throws a FerryError naming the first invalid variable.
 */
export function readStackConfig(
  env: Record<string, string | undefined>,
  context: (name: string) => unknown = () => undefined,
  now: () => Date = () => new Date(),
): StackConfig {
  const parsed: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(variables)) {
    const raw = env[variable.name] ?? context(variable.name);
    const value = raw === '' ? undefined : raw;
    const result = variable.schema.safeParse(value);
    if (!result.success) {
      throw new FerryError(`${variable.name} is invalid (${result.error.issues[0]?.message ?? 'bad value'}): ${variable.about}`);
    }
    parsed[key] = result.data;
  }
  const p = parsed as Parsed;
  if (p.sshCidr && !p.sshPublicKey) {
    throw new FerryError('FERRY_SSH_CIDR opens SSH to the hosts, but nobody could log in without FERRY_SSH_PUBLIC_KEY: set both, or neither');
  }
  return {
    cloudId: p.cloudId,
    folderId: p.folderId,
    zone: p.zone,
    resultsBucket: p.resultsBucket,
    noncurrentVersionDays: p.noncurrentVersionDays,
    workBucket: p.workBucket,
    runId: p.runId,
    clusterTtlSeconds: Math.round(p.clusterTtlHours * 3600),
    imageVersion: p.imageVersion,
    masterPreset: p.masterPreset,
    dataPreset: p.dataPreset,
    diskType: p.diskType,
    diskSizeGb: p.diskSizeGb,
    dataHosts: p.dataHosts,
    subnetCidr: p.subnetCidr,
    sshCidr: p.sshCidr,
    sshPublicKey: p.sshPublicKey,
    stateBucket: p.stateBucket,
    now,
  };
}
