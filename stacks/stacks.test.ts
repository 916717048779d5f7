import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { afterAll, describe, it, expect } from 'vitest';
import { validateAgainstSchema, type ProviderSchemaFile } from '@ferry/provider-yandex/validate';
import { readStackConfig, type StackConfig } from './config.ts';
import { STACK_NAMES, repoRoot, synthesizeStacks, type StackName } from './stacks.ts';

const schema = JSON.parse(
  readFileSync(new URL('../packages/provider-yandex/schema/yandex-provider-schema.json', import.meta.url), 'utf8'),
) as ProviderSchemaFile;

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const frozenNow = new Date('2026-11-21T06:00:00Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is read dynamically
type Json = any;

/** Synthesizes both stacks with a folder and cloud id unless `env` overrides them (an empty value unsets one). */
function synth(env: Record<string, string> = {}): Record<StackName, Json> & { outdir: string } {
  const config: StackConfig = readStackConfig({ YC_FOLDER_ID: 'b1gfolder', YC_CLOUD_ID: 'b1gcloud', ...env }, undefined, () => frozenNow);
  const outdir = mkdtempSync(join(tmpdir(), 'ferry-synth-'));
  outdirs.push(outdir);
  const files = synthesizeStacks(config, outdir);
  return {
    outdir,
    results: JSON.parse(readFileSync(files.results, 'utf8')),
    work: JSON.parse(readFileSync(files.work, 'utf8')),
  };
}

const defaults = synth();
const withoutFolder = synth({ YC_FOLDER_ID: '', YC_CLOUD_ID: '' });
const resultsBucket = defaults.results.resource.yandex_storage_bucket['results-bucket'];
const workResources = defaults.work.resource;

function rules(stacks: Record<StackName, Json>, direction: 'ingress' | 'egress') {
  return (stacks.work.resource.yandex_vpc_security_group['cluster-group'][direction] as Json[]).map(
    ({ protocol, port, from_port, to_port, predefined_target, v4_cidr_blocks }) => ({
      protocol,
      port,
      from_port,
      to_port,
      predefined_target,
      v4_cidr_blocks,
    }),
  );
}

const withinGroup = {
  protocol: 'ANY',
  port: undefined,
  from_port: 0,
  to_port: 65535,
  predefined_target: 'self_security_group',
  v4_cidr_blocks: undefined,
};

describe('given the results stack', () => {
  it('when synthesized, then the bucket is protected: prevent_destroy, no force_destroy, versioned', () => {
    expect(resultsBucket.bucket).toBe('ferry-results-${var.folder_id}');
    expect(resultsBucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(resultsBucket).not.toHaveProperty('force_destroy');
    expect(resultsBucket.versioning).toEqual({ enabled: true });
  });

  it('when synthesized, then noncurrent versions expire after the configured days (30 by default)', () => {
    expect(resultsBucket.lifecycle_rule).toEqual([{ id: 'expire-noncurrent-versions', enabled: true, noncurrent_version_expiration: { days: 30 } }]);
    const custom = synth({ FERRY_RESULTS_NONCURRENT_DAYS: '7' }).results.resource.yandex_storage_bucket['results-bucket'];
    expect(custom.lifecycle_rule[0].noncurrent_version_expiration).toEqual({ days: 7 });
  });

  it('when synthesized, then the bucket is private: no ACL, no grants, every anonymous access flag off', () => {
    expect(resultsBucket).not.toHaveProperty('acl');
    expect(resultsBucket).not.toHaveProperty('grant');
    expect(resultsBucket).not.toHaveProperty('policy');
    expect(resultsBucket.anonymous_access_flags).toEqual({ read: false, list: false, config_read: false });
  });

  it('when synthesized, then it outputs the bucket name and the s3:// results location', () => {
    expect(defaults.results.output).toEqual({
      bucket_name: { value: '${yandex_storage_bucket.results-bucket.bucket}' },
      results_location: { value: 's3://${yandex_storage_bucket.results-bucket.bucket}' },
    });
  });
});

describe('given the work stack', () => {
  it('when synthesized, then the work bucket is private and destroyable with its objects', () => {
    const bucket = workResources.yandex_storage_bucket['work-bucket'];
    expect(bucket).toMatchObject({
      bucket: 'ferry-work-${var.folder_id}',
      force_destroy: true,
      anonymous_access_flags: { read: false, list: false, config_read: false },
    });
    expect(bucket).not.toHaveProperty('lifecycle');
  });

  it('when synthesized, then the cluster account gets dataproc.agent on the folder and storage.editor on the work and results buckets only', () => {
    const member = 'serviceAccount:${yandex_iam_service_account.cluster-account.id}';
    const folderGrants = Object.values(workResources.yandex_resourcemanager_folder_iam_member) as Json[];
    expect(folderGrants).toEqual([expect.objectContaining({ folder_id: '${var.folder_id}', role: 'dataproc.agent', member, sleep_after: 30 })]);
    expect(workResources.yandex_storage_bucket_iam_binding).toEqual({
      'work-bucket-editor': expect.objectContaining({
        bucket: '${yandex_storage_bucket.work-bucket.bucket}',
        role: 'storage.editor',
        members: [member],
      }),
      'results-bucket-editor': expect.objectContaining({ bucket: 'ferry-results-${var.folder_id}', role: 'storage.editor', members: [member] }),
    });
    expect(workResources).not.toHaveProperty('yandex_resourcemanager_folder_iam_binding');
    const everyRole = JSON.stringify(defaults.work);
    for (const forbidden of ['storage.admin', 'compute.admin', '"editor"', '"admin"']) expect(everyRole).not.toContain(forbidden);
  });

  it('when synthesized, then the folder grant waits for the bucket grants and sleeps, and the cluster waits for all of them', () => {
    expect(workResources.yandex_resourcemanager_folder_iam_member['cluster-role-dataproc-agent'].depends_on).toEqual([
      'yandex_storage_bucket_iam_binding.work-bucket-editor',
      'yandex_storage_bucket_iam_binding.results-bucket-editor',
    ]);
    expect(workResources.yandex_dataproc_cluster.cluster.depends_on).toEqual([
      'yandex_resourcemanager_folder_iam_member.cluster-role-dataproc-agent',
      'yandex_storage_bucket_iam_binding.work-bucket-editor',
      'yandex_storage_bucket_iam_binding.results-bucket-editor',
      'yandex_vpc_subnet.subnet',
    ]);
  });

  it('when FERRY_RESULTS_BUCKET names the results bucket, then the work stack grants on that bucket', () => {
    const named = synth({ FERRY_RESULTS_BUCKET: 'acme-results' }).work.resource.yandex_storage_bucket_iam_binding;
    expect(named['results-bucket-editor'].bucket).toBe('acme-results');
  });

  it('when synthesized, then both buckets name their folder, as the provider needs with a user account token', () => {
    expect(resultsBucket.folder_id).toBe('${var.folder_id}');
    expect(workResources.yandex_storage_bucket['work-bucket'].folder_id).toBe('${var.folder_id}');
  });

  it('when no SSH key is given, then the hosts get a fresh ED25519 public key (no private half is kept); a given key is used as is', () => {
    const keys = (stacks: Record<StackName, Json>): string[] =>
      stacks.work.resource.yandex_dataproc_cluster.cluster.cluster_config.hadoop.ssh_public_keys;
    const [throwaway] = keys(defaults);
    expect(keys(defaults)).toHaveLength(1);
    expect(throwaway).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} ferry-throwaway$/);
    expect(keys(synth())[0]).not.toBe(throwaway);
    expect(keys(synth({ FERRY_SSH_PUBLIC_KEY: 'ssh-ed25519 AAAAC3Nza me@laptop' }))).toEqual(['ssh-ed25519 AAAAC3Nza me@laptop']);
    expect(defaults.work.resource.yandex_dataproc_cluster.cluster.cluster_config.hadoop).not.toHaveProperty('oslogin');
    expect(
      readdirSync(defaults.outdir, { recursive: true })
        .map(String)
        .filter((name) => /id_|\.pem$|key/.test(name)),
    ).toEqual([]);
  });

  it('when no SSH CIDR is configured, then the security group has exactly the rules Data Processing needs', () => {
    expect(rules(defaults, 'ingress')).toEqual([withinGroup]);
    expect(rules(defaults, 'egress')).toEqual([
      withinGroup,
      { protocol: 'TCP', port: 443, from_port: undefined, to_port: undefined, predefined_target: undefined, v4_cidr_blocks: ['0.0.0.0/0'] },
      { protocol: 'UDP', port: 123, from_port: undefined, to_port: undefined, predefined_target: undefined, v4_cidr_blocks: ['0.0.0.0/0'] },
    ]);
  });

  it('when an SSH CIDR is configured, then SSH ingress is opened from that CIDR only', () => {
    const withSsh = synth({ FERRY_SSH_CIDR: '203.0.113.7/32', FERRY_SSH_PUBLIC_KEY: 'ssh-ed25519 AAAAC3Nza me@laptop' });
    expect(rules(withSsh, 'ingress')).toEqual([
      withinGroup,
      { protocol: 'TCP', port: 22, from_port: undefined, to_port: undefined, predefined_target: undefined, v4_cidr_blocks: ['203.0.113.7/32'] },
    ]);
    expect(rules(withSsh, 'egress')).toEqual(rules(defaults, 'egress'));
  });

  it('when synthesized with an injected clock, then resources carry app, run and expires-at = now + TTL labels', () => {
    const expected = { app: 'ferry', 'ferry-run': 'manual', 'ferry-expires-at': String(frozenNow.getTime() / 1000 + 4 * 3600) };
    expect(workResources.yandex_dataproc_cluster.cluster.labels).toEqual(expected);
    expect(workResources.yandex_vpc_network.network.labels).toEqual(expected);
    const custom = synth({ FERRY_RUN_ID: 'run-42', FERRY_CLUSTER_TTL_HOURS: '1.5' }).work.resource.yandex_dataproc_cluster.cluster;
    expect(custom.labels).toEqual({ app: 'ferry', 'ferry-run': 'run-42', 'ferry-expires-at': String(frozenNow.getTime() / 1000 + 5400) });
    expect(custom.name).toBe('ferry-run-42');
  });

  it('when synthesized, then the cluster runs in the NATed subnet with the group, the work bucket, the account and s3a path-style', () => {
    const cluster = workResources.yandex_dataproc_cluster.cluster;
    expect(cluster).toMatchObject({
      deletion_protection: false,
      zone_id: 'ru-central1-a',
      bucket: '${yandex_storage_bucket.work-bucket.bucket}',
      service_account_id: '${yandex_iam_service_account.cluster-account.id}',
      security_group_ids: ['${yandex_vpc_security_group.cluster-group.id}'],
    });
    expect(cluster.cluster_config.version_id).toBe('2.1');
    expect(cluster.cluster_config.hadoop.services).toEqual(['HDFS', 'YARN', 'SPARK']);
    expect(cluster.cluster_config.hadoop.properties).toEqual({
      'core:fs.s3a.endpoint': 'storage.yandexcloud.net',
      'core:fs.s3a.path.style.access': 'true',
    });
    expect(cluster.cluster_config.subcluster_spec.map((s: Json) => [s.role, s.hosts_count, s.resources])).toEqual([
      ['MASTERNODE', 1, { resource_preset_id: 's3-c2-m8', disk_type_id: 'network-hdd', disk_size: 40 }],
      ['DATANODE', 1, { resource_preset_id: 's3-c4-m16', disk_type_id: 'network-hdd', disk_size: 40 }],
    ]);
    expect(workResources.yandex_vpc_subnet.subnet.route_table_id).toBe('${yandex_vpc_route_table.routes.id}');
    expect(workResources.yandex_vpc_gateway.nat.shared_egress_gateway).toEqual({});
    expect(workResources.yandex_vpc_route_table.routes.static_route).toEqual([
      { destination_prefix: '0.0.0.0/0', gateway_id: '${yandex_vpc_gateway.nat.id}' },
    ]);
  });

  it('when sizes are configured, then presets, disks and host counts follow them', () => {
    const sized = synth({
      FERRY_MASTER_PRESET: 's3-c4-m16',
      FERRY_DATA_PRESET: 's3-c8-m32',
      FERRY_DISK_TYPE: 'network-ssd',
      FERRY_DISK_SIZE_GB: '128',
      FERRY_DATA_HOSTS: '3',
      FERRY_DATAPROC_IMAGE: '2.2',
    });
    const config = sized.work.resource.yandex_dataproc_cluster.cluster.cluster_config;
    expect(config.version_id).toBe('2.2');
    expect(config.subcluster_spec.map((s: Json) => [s.hosts_count, s.resources])).toEqual([
      [1, { resource_preset_id: 's3-c4-m16', disk_type_id: 'network-ssd', disk_size: 128 }],
      [3, { resource_preset_id: 's3-c8-m32', disk_type_id: 'network-ssd', disk_size: 128 }],
    ]);
  });

  it('when synthesized, then it outputs the cluster id and bucket, and the access key pair only as sensitive outputs', () => {
    expect(defaults.work.output).toEqual({
      cluster_id: { value: '${yandex_dataproc_cluster.cluster.id}' },
      bucket_name: { value: '${yandex_storage_bucket.work-bucket.bucket}' },
      access_key_id: { value: '${yandex_iam_service_account_static_access_key.cluster-key.access_key}', sensitive: true },
      secret_key: { value: '${yandex_iam_service_account_static_access_key.cluster-key.secret_key}', sensitive: true },
    });
  });
});

describe('given both stacks', () => {
  it('when no state bucket is configured, then state is local under <repo>/.ferry/tfstate/, by a path relative to the stack dir', () => {
    for (const name of STACK_NAMES) {
      const { path } = defaults[name].terraform.backend.local;
      expect(Object.keys(defaults[name].terraform.backend)).toEqual(['local']);
      expect(isAbsolute(path)).toBe(false);
      expect(resolve(defaults.outdir, 'stacks', name, path)).toBe(join(repoRoot, '.ferry', 'tfstate', `${name}.tfstate`));
    }
  });

  it('when FERRY_TF_STATE_BUCKET is set, then state is on Object Storage with a lock file and no credentials', () => {
    const remote = synth({ FERRY_TF_STATE_BUCKET: 'ferry-state' });
    for (const name of STACK_NAMES) {
      const backend = remote[name].terraform.backend;
      expect(Object.keys(backend)).toEqual(['s3']);
      expect(backend.s3).toMatchObject({
        bucket: 'ferry-state',
        key: `ferry/${name}.tfstate`,
        region: 'ru-central1',
        endpoints: { s3: 'https://storage.yandexcloud.net' },
        use_lockfile: true,
        use_path_style: true,
        skip_credentials_validation: true,
        skip_region_validation: true,
        skip_requesting_account_id: true,
      });
      for (const secret of ['access_key', 'secret_key', 'token', 'profile', 'shared_credentials_files'])
        expect(backend.s3).not.toHaveProperty(secret);
    }
  });

  it('when synthesized, then the provider block has the cloud id, the folder variable and the zone but no credentials, and pins ~> 0.222', () => {
    for (const name of STACK_NAMES) {
      expect(defaults[name].provider.yandex).toEqual([{ cloud_id: 'b1gcloud', folder_id: '${var.folder_id}', zone: 'ru-central1-a' }]);
      expect(defaults[name].terraform.required_providers).toEqual({ yandex: { source: 'yandex-cloud/yandex', version: '~> 0.222' } });
    }
  });

  it('when YC_FOLDER_ID is set, then it is the default of the folder_id variable, which Terraform also validates', () => {
    for (const name of STACK_NAMES) {
      expect(defaults[name].variable).toEqual({
        folder_id: {
          type: 'string',
          default: 'b1gfolder',
          nullable: false,
          description: 'the Yandex Cloud folder to deploy into (YC_FOLDER_ID; TF_VAR_folder_id at deploy time)',
          validation: [
            {
              condition: '${can(regex("^[a-z0-9]+$", var.folder_id))}',
              error_message: 'The folder id (YC_FOLDER_ID, TF_VAR_folder_id) must be lowercase letters and digits.',
            },
          ],
        },
      });
    }
  });

  it('when no folder or cloud id is given, then the folder_id variable has no default, everything folder-bound references it, and no cloud id is written', () => {
    for (const name of STACK_NAMES) {
      expect(withoutFolder[name].variable.folder_id).not.toHaveProperty('default');
      expect(withoutFolder[name].variable.folder_id.type).toBe('string');
      expect(withoutFolder[name].provider.yandex).toEqual([{ folder_id: '${var.folder_id}', zone: 'ru-central1-a' }]);
    }
    expect(withoutFolder.results.resource.yandex_storage_bucket['results-bucket'].bucket).toBe('ferry-results-${var.folder_id}');
    expect(withoutFolder.work.resource.yandex_storage_bucket['work-bucket'].bucket).toBe('ferry-work-${var.folder_id}');
    const members = Object.values(withoutFolder.work.resource.yandex_resourcemanager_folder_iam_member) as Json[];
    expect(members.map((m) => m.folder_id)).toEqual(['${var.folder_id}']);
    expect(withoutFolder.work.resource.yandex_storage_bucket_iam_binding['results-bucket-editor'].bucket).toBe('ferry-results-${var.folder_id}');
  });

  it('when bucket names are given, then they are used as they are, with or without a folder', () => {
    const named = synth({ YC_FOLDER_ID: '', FERRY_RESULTS_BUCKET: 'acme-results', FERRY_WORK_BUCKET: 'acme-work' });
    expect(named.results.resource.yandex_storage_bucket['results-bucket'].bucket).toBe('acme-results');
    expect(named.work.resource.yandex_storage_bucket['work-bucket'].bucket).toBe('acme-work');
  });

  it('when every resource and provider block is checked against the provider schema, then there is no problem', () => {
    const variants = [
      defaults,
      withoutFolder,
      synth({ FERRY_SSH_CIDR: '203.0.113.7/32', FERRY_SSH_PUBLIC_KEY: 'ssh-ed25519 AAAA test', FERRY_TF_STATE_BUCKET: 'ferry-state' }),
    ];
    for (const variant of variants) {
      for (const name of STACK_NAMES) expect(validateAgainstSchema(variant[name], schema), name).toEqual([]);
    }
    expect(Object.keys(defaults.work.resource).length).toBe(11);
  });
});
