// The two ferry stacks: `results` (persistent results bucket) and `work` (ephemeral Data Processing run).
import { generateKeyPairSync } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Construct } from 'constructs';
import { App, LocalBackend, S3Backend, TerraformOutput, TerraformStack, TerraformVariable, VariableType } from 'cdktf';
import {
  dataprocCluster,
  iamServiceAccount,
  iamServiceAccountStaticAccessKey,
  provider,
  resourcemanagerFolderIamMember,
  storageBucket,
  storageBucketIamBinding,
  vpcGateway,
  vpcNetwork,
  vpcRouteTable,
  vpcSecurityGroup,
  vpcSubnet,
} from '@ferry/provider-yandex';
import { FOLDER_ID_PATTERN, type StackConfig } from './config.ts';

import { STACK_NAMES, type StackName } from './names.ts';

export { STACK_NAMES, type StackName };

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The cluster's service account gets only what the run needs:
 * - dataproc.agent on the folder (the one role that has no narrower scope): the hosts report to the control plane.
 * - storage.editor on the work and results buckets only, none on the folder. Write is not enough: Spark's Hadoop
 *   committer writes under `_temporary/` and "renames" on commit, which on S3 is copy + DELETE, and publishing
 *   deletes a period's superseded files and the run lock; storage.uploader + storage.viewer (no delete) would fail.
 *   storage.admin (ACLs, policies) is never needed.
 */
export const CLUSTER_FOLDER_ROLE = 'dataproc.agent';
export const CLUSTER_BUCKET_ROLE = 'storage.editor';
/**
 * IAM grants take effect a little after the API accepts them, and the cluster checks its account's roles as it
 * is created. Only the folder grant has `sleep_after` (the bucket binding has none), so it is made last and waits.
 */
export const GRANT_PROPAGATION_SECONDS = 30;

/**
 * Services: the minimum for a PySpark job reading and writing Object Storage over s3a.
 * YARN schedules the executors, SPARK provides the runtime, HDFS backs the DATANODE subcluster and
 * holds Spark's staging files and event logs; MapReduce, Tez, Hive and the rest stay off.
 */
export const CLUSTER_SERVICES = ['HDFS', 'YARN', 'SPARK'] as const;

const S3_ENDPOINT = 'storage.yandexcloud.net';

/**
 * The folder is always the `folder_id` input variable, so synth needs no cloud account. A folder known at synth
 * (YC_FOLDER_ID) becomes its default: the stack directory stays deployable by plain terraform, and the files differ
 * only by that default. Everything derived from the folder (default bucket names) references the variable, so a
 * folder given at deploy time (TF_VAR_folder_id) is used consistently.
 */
function addFolderVariable(stack: TerraformStack, config: StackConfig): string {
  const folder = new TerraformVariable(stack, 'folder_id', {
    type: VariableType.STRING,
    description: 'the Yandex Cloud folder to deploy into (YC_FOLDER_ID; TF_VAR_folder_id at deploy time)',
    default: config.folderId,
    nullable: false,
    validation: [
      {
        condition: `\${can(regex("${FOLDER_ID_PATTERN.source}", var.folder_id))}`,
        errorMessage: 'The folder id (YC_FOLDER_ID, TF_VAR_folder_id) must be lowercase letters and digits.',
      },
    ],
  });
  return folder.stringValue;
}

function addProvider(stack: TerraformStack, config: StackConfig, folderId: string): void {
  // No credentials here: the provider reads YC_TOKEN or YC_SERVICE_ACCOUNT_KEY_FILE (and YC_CLOUD_ID when unset) at deploy time.
  new provider.YandexProvider(stack, 'yandex', { cloudId: config.cloudId, folderId, zone: config.zone });
}

function addBackend(stack: TerraformStack, name: StackName, config: StackConfig, outdir: string): void {
  if (config.stateBucket) {
    // Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when terraform runs, never from this file.
    new S3Backend(stack, {
      bucket: config.stateBucket,
      key: `ferry/${name}.tfstate`,
      region: 'ru-central1',
      endpoints: { s3: `https://${S3_ENDPOINT}` },
      usePathStyle: true,
      skipCredentialsValidation: true,
      skipRegionValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: true,
      skipS3Checksum: true,
    });
    // Native S3 lock files (Terraform >= 1.10); cdktf 0.21 has no prop for it.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
    return;
  }
  // Relative to the stack's working directory, so the state lands in <repo>/.ferry/tfstate/ and no machine path is synthesized.
  const workingDirectory = resolve(outdir, 'stacks', name);
  new LocalBackend(stack, { path: relative(workingDirectory, join(repoRoot, '.ferry', 'tfstate', `${name}.tfstate`)) });
}

const privateAccess = { read: false, list: false, configRead: false };

/** Bucket names are global: the defaults are made unique by the folder id. Both stacks name the results bucket. */
function resultsBucketName(config: StackConfig, folderId: string): string {
  return config.resultsBucket ?? `ferry-results-${folderId}`;
}

/**
 * Data Processing clusters are created with an SSH key, as the docs and the provider's own tests do (OS Login
 * instead needs the organization to enable it). ferry never logs in, so without FERRY_SSH_PUBLIC_KEY the hosts get
 * the public half of a fresh ED25519 pair whose private half is never kept: the cluster is valid and nobody can
 * log in. (A new key per synth; the work stack lives for one run.)
 */
function throwawaySshPublicKey(): string {
  const { x } = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const field = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(Buffer.from(x!, 'base64url'))]);
  return `ssh-ed25519 ${blob.toString('base64')} ferry-throwaway`;
}

export class ResultsStack extends TerraformStack {
  constructor(scope: Construct, config: StackConfig, outdir: string) {
    super(scope, 'results');
    const folderId = addFolderVariable(this, config);
    addProvider(this, config, folderId);
    addBackend(this, 'results', config, outdir);

    const bucket = new storageBucket.StorageBucket(this, 'results-bucket', {
      bucket: resultsBucketName(config, folderId),
      // With a user account's token the provider cannot tell the folder otherwise.
      folderId,
      anonymousAccessFlags: privateAccess,
      versioning: { enabled: true },
      lifecycleRule: [
        {
          id: 'expire-noncurrent-versions',
          enabled: true,
          noncurrentVersionExpiration: { days: config.noncurrentVersionDays },
        },
      ],
      // The results outlive every run: terraform must refuse to delete them.
      lifecycle: { preventDestroy: true },
    });

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucket, staticId: true });
    new TerraformOutput(this, 'results_location', { value: `s3://${bucket.bucket}`, staticId: true });
  }
}

export class WorkStack extends TerraformStack {
  constructor(scope: Construct, config: StackConfig, outdir: string) {
    super(scope, 'work');
    const folderId = addFolderVariable(this, config);
    addProvider(this, config, folderId);
    addBackend(this, 'work', config, outdir);
    const labels = {
      app: 'ferry',
      'ferry-run': config.runId,
      'ferry-expires-at': String(Math.floor(config.now().getTime() / 1000) + config.clusterTtlSeconds),
    };

    const bucket = new storageBucket.StorageBucket(this, 'work-bucket', {
      bucket: config.workBucket ?? `ferry-work-${folderId}`,
      folderId,
      anonymousAccessFlags: privateAccess,
      forceDestroy: true,
    });

    const account = new iamServiceAccount.IamServiceAccount(this, 'cluster-account', {
      name: `ferry-cluster-${config.runId}`,
      description: 'ferry Data Processing cluster',
      labels,
    });
    const member = `serviceAccount:${account.id}`;
    // Authoritative for the role on that bucket (the provider has no additive bucket member): while the work stack
    // is deployed, the cluster's account is the only bucket-level storage.editor of both buckets. Folder roles stay.
    const bucketGrants = [
      { id: 'work-bucket-editor', bucket: bucket.bucket },
      { id: 'results-bucket-editor', bucket: resultsBucketName(config, folderId) },
    ].map(
      ({ id, bucket }) => new storageBucketIamBinding.StorageBucketIamBinding(this, id, { bucket, role: CLUSTER_BUCKET_ROLE, members: [member] }),
    );
    const agentGrant = new resourcemanagerFolderIamMember.ResourcemanagerFolderIamMember(this, 'cluster-role-dataproc-agent', {
      folderId,
      role: CLUSTER_FOLDER_ROLE,
      member,
      sleepAfter: GRANT_PROPAGATION_SECONDS,
      dependsOn: bucketGrants,
    });
    const key = new iamServiceAccountStaticAccessKey.IamServiceAccountStaticAccessKey(this, 'cluster-key', {
      serviceAccountId: account.id,
      description: 'ferry: S3 access to the work bucket',
    });

    const network = new vpcNetwork.VpcNetwork(this, 'network', { name: 'ferry', labels });
    // The hosts have no public IPs: NAT is how they reach Object Storage and the Data Processing API.
    const gateway = new vpcGateway.VpcGateway(this, 'nat', { name: 'ferry-nat', labels, sharedEgressGateway: {} });
    const routes = new vpcRouteTable.VpcRouteTable(this, 'routes', {
      name: 'ferry-egress',
      networkId: network.id,
      labels,
      staticRoute: [{ destinationPrefix: '0.0.0.0/0', gatewayId: gateway.id }],
    });
    const subnet = new vpcSubnet.VpcSubnet(this, 'subnet', {
      name: 'ferry',
      networkId: network.id,
      zone: config.zone,
      v4CidrBlocks: [config.subnetCidr],
      routeTableId: routes.id,
      labels,
    });

    const withinGroup = { protocol: 'ANY', predefinedTarget: 'self_security_group', fromPort: 0, toPort: 65535 };
    const group = new vpcSecurityGroup.VpcSecurityGroup(this, 'cluster-group', {
      name: 'ferry-cluster',
      networkId: network.id,
      labels,
      // Exactly what Data Processing requires, plus SSH from one configured source when asked for.
      ingress: [
        { ...withinGroup, description: 'cluster hosts talk to each other' },
        ...(config.sshCidr ? [{ protocol: 'TCP', port: 22, v4CidrBlocks: [config.sshCidr], description: 'SSH from the operator' }] : []),
      ],
      egress: [
        { ...withinGroup, description: 'cluster hosts talk to each other' },
        { protocol: 'TCP', port: 443, v4CidrBlocks: ['0.0.0.0/0'], description: 'Yandex Cloud APIs and Object Storage' },
        { protocol: 'UDP', port: 123, v4CidrBlocks: ['0.0.0.0/0'], description: 'NTP' },
      ],
    });

    const subcluster = (name: string, role: string, preset: string, hostsCount: number) => ({
      name,
      role,
      subnetId: subnet.id,
      hostsCount,
      resources: { resourcePresetId: preset, diskTypeId: config.diskType, diskSize: config.diskSizeGb },
    });
    const cluster = new dataprocCluster.DataprocCluster(this, 'cluster', {
      name: `ferry-${config.runId}`,
      description: `ferry run ${config.runId}`,
      labels,
      serviceAccountId: account.id,
      bucket: bucket.bucket,
      zoneId: config.zone,
      securityGroupIds: [group.id],
      deletionProtection: false,
      clusterConfig: {
        versionId: config.imageVersion,
        hadoop: {
          services: [...CLUSTER_SERVICES],
          properties: {
            'core:fs.s3a.endpoint': S3_ENDPOINT,
            'core:fs.s3a.path.style.access': 'true',
          },
          sshPublicKeys: [config.sshPublicKey ?? throwawaySshPublicKey()],
        },
        subclusterSpec: [
          subcluster('master', 'MASTERNODE', config.masterPreset, 1),
          subcluster('data', 'DATANODE', config.dataPreset, config.dataHosts),
        ],
      },
      // The hosts need their roles, propagated, (and NAT) before they start, or creation fails.
      dependsOn: [agentGrant, ...bucketGrants, subnet],
    });

    new TerraformOutput(this, 'cluster_id', { value: cluster.id, staticId: true });
    new TerraformOutput(this, 'bucket_name', { value: bucket.bucket, staticId: true });
    new TerraformOutput(this, 'access_key_id', { value: key.accessKey, sensitive: true, staticId: true });
    new TerraformOutput(this, 'secret_key', { value: key.secretKey, sensitive: true, staticId: true });
  }
}

/** Synthesizes both stacks into `outdir`; returns each stack's cdk.tf.json path. */
export function synthesizeStacks(config: StackConfig, outdir: string): Record<StackName, string> {
  const app = new App({ outdir });
  new ResultsStack(app, config, outdir);
  new WorkStack(app, config, outdir);
  app.synth();
  return {
    results: join(outdir, 'stacks', 'results', 'cdk.tf.json'),
    work: join(outdir, 'stacks', 'work', 'cdk.tf.json'),
  };
}
