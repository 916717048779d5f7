import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { validateAgainstSchema, type ProviderSchemaFile } from './validate.ts';

const schema = JSON.parse(readFileSync(new URL('../schema/yandex-provider-schema.json', import.meta.url), 'utf8')) as ProviderSchemaFile;

/** A small configuration the schema accepts; each test breaks one thing in a copy. */
function validConfig() {
  return {
    provider: { yandex: [{ folder_id: 'b1gfolder', zone: 'ru-central1-a' }] },
    resource: {
      yandex_vpc_gateway: { nat: { name: 'nat', shared_egress_gateway: {}, depends_on: [] } },
      yandex_storage_bucket: {
        results: {
          bucket: 'results',
          versioning: { enabled: true },
          lifecycle: { prevent_destroy: true },
          lifecycle_rule: [{ enabled: true, noncurrent_version_expiration: { days: 30 } }],
        },
      },
      yandex_dataproc_cluster: {
        cluster: {
          name: 'c',
          service_account_id: '${yandex_iam_service_account.sa.id}',
          labels: { app: 'ferry' },
          timeouts: { create: '60m' },
          cluster_config: {
            hadoop: { services: ['YARN', 'SPARK'] },
            subcluster_spec: [
              { name: 'master', role: 'MASTERNODE', subnet_id: 's', hosts_count: 1, resources: { resource_preset_id: 's3-c2-m8', disk_size: 20 } },
            ],
          },
        },
      },
    },
  };
}

describe('given the transcribed yandex provider schema', () => {
  it('then it has the shape `terraform providers schema -json` prints, with every resource ferry uses', () => {
    expect(schema.format_version).toBe('1.0');
    const provider = schema.provider_schemas['registry.terraform.io/yandex-cloud/yandex'];
    expect(provider?.data_source_schemas).toEqual({});
    expect(Object.keys(provider?.resource_schemas ?? {}).sort()).toEqual([
      'yandex_dataproc_cluster',
      'yandex_iam_service_account',
      'yandex_iam_service_account_static_access_key',
      'yandex_resourcemanager_folder_iam_member',
      'yandex_storage_bucket',
      'yandex_storage_bucket_iam_binding',
      'yandex_storage_object',
      'yandex_vpc_gateway',
      'yandex_vpc_network',
      'yandex_vpc_route_table',
      'yandex_vpc_security_group',
      'yandex_vpc_subnet',
    ]);
    expect(provider?.provider.block.attributes?.token).toMatchObject({ type: 'string', optional: true, sensitive: true });
  });

  it('then the bucket binding has exactly the attributes of the provider source at v0.222.0: bucket, role, members; no id, no sleep_after', () => {
    // yandex-framework/services/storage_bucket_iam_binding + pkg/accessbinding/iam_binding.go (a framework resource).
    const binding = schema.provider_schemas['registry.terraform.io/yandex-cloud/yandex']?.resource_schemas.yandex_storage_bucket_iam_binding;
    const attributes = Object.entries(binding?.block.attributes ?? {}).map(([name, { type, required }]) => [name, type, required]);
    expect(attributes).toEqual([
      ['bucket', 'string', true],
      ['members', ['set', 'string'], true],
      ['role', 'string', true],
    ]);
    expect(binding?.block.block_types).toBeUndefined();
  });

  it('when a configuration follows the schema, then there are no problems', () => {
    expect(validateAgainstSchema(validConfig(), schema)).toEqual([]);
  });

  describe('when a configuration breaks it', () => {
    const cases: Array<[string, (config: ReturnType<typeof validConfig>) => void, string]> = [
      [
        'an unknown attribute',
        (c) => Object.assign(c.resource.yandex_storage_bucket.results, { forse_destroy: true }),
        'yandex_storage_bucket.results: unknown attribute or block "forse_destroy"',
      ],
      [
        'an unknown nested block',
        (c) => Object.assign(c.resource.yandex_storage_bucket.results.lifecycle_rule[0]!, { expire: { days: 1 } }),
        'yandex_storage_bucket.results.lifecycle_rule[0]: unknown attribute or block "expire"',
      ],
      [
        'a missing required attribute',
        (c) => delete (c.resource.yandex_dataproc_cluster.cluster as Partial<{ name: string }>).name,
        'yandex_dataproc_cluster.cluster: missing required attribute "name"',
      ],
      [
        'a missing required block',
        (c) => delete (c.resource.yandex_dataproc_cluster.cluster.cluster_config.subcluster_spec[0] as Partial<{ resources: unknown }>).resources,
        'yandex_dataproc_cluster.cluster.cluster_config[0].subcluster_spec[0]: missing required block "resources" (at least 1)',
      ],
      [
        'a wrong scalar type',
        (c) => Object.assign(c.resource.yandex_storage_bucket.results.versioning, { enabled: 'yes' }),
        'yandex_storage_bucket.results.versioning[0]: attribute "enabled" expected bool, got string "yes"',
      ],
      [
        'a wrong collection type',
        (c) => Object.assign(c.resource.yandex_dataproc_cluster.cluster.cluster_config.hadoop, { services: 'SPARK' }),
        'yandex_dataproc_cluster.cluster.cluster_config[0].hadoop[0]: attribute "services" expected set of string, got string "SPARK"',
      ],
      [
        'a wrong map value type',
        (c) => Object.assign(c.resource.yandex_dataproc_cluster.cluster.labels, { hosts: 2 }),
        'yandex_dataproc_cluster.cluster: attribute "labels" ["hosts"] expected string, got number 2',
      ],
      [
        'too many items in a max-1 block',
        (c) => Object.assign(c.resource.yandex_storage_bucket.results, { versioning: [{ enabled: true }, { enabled: false }] }),
        'yandex_storage_bucket.results: block "versioning" allows at most 1 item(s), got 2',
      ],
      [
        'too few items in a min-1 block',
        (c) => Object.assign(c.resource.yandex_dataproc_cluster.cluster.cluster_config, { subcluster_spec: [] }),
        'yandex_dataproc_cluster.cluster.cluster_config[0]: block "subcluster_spec" needs at least 1 item(s), got 0',
      ],
      [
        'a list where a single block belongs',
        (c) => Object.assign(c.resource.yandex_dataproc_cluster.cluster, { timeouts: [{ create: '60m' }] }),
        'yandex_dataproc_cluster.cluster: block "timeouts" must be a single object, got a list',
      ],
      [
        'a read-only attribute',
        (c) => Object.assign(c.resource.yandex_vpc_gateway.nat, { created_at: 'now' }),
        'yandex_vpc_gateway.nat: attribute "created_at" is read-only (computed)',
      ],
      [
        'an unknown provider argument',
        (c) => Object.assign(c.provider.yandex[0]!, { region: 'ru' }),
        'provider.yandex[0]: unknown attribute or block "region"',
      ],
      [
        'a provider argument of the wrong type',
        (c) => Object.assign(c.provider.yandex[0]!, { max_retries: '3' }),
        'provider.yandex[0]: attribute "max_retries" expected number, got string "3"',
      ],
      [
        'an unknown resource type',
        (c) => Object.assign(c.resource, { yandex_compute_instance: { vm: {} } }),
        'yandex_compute_instance: unknown resource type',
      ],
    ];

    it.each(cases)('with %s, then the message names the resource and attribute', (_what, breakIt, message) => {
      const config = validConfig();
      breakIt(config);
      expect(validateAgainstSchema(config, schema)).toEqual([message]);
    });
  });
});
