/**
 * Pinned versions of every real part the tests run. One place: the installer installs exactly these, and the
 * helpers refuse anything else they find in the cache.
 */
export const PINS = {
  /** Data Processing image 2.1 runs Spark 3.3.2 (Hadoop 3.3.2); PyPI's pyspark carries the whole Spark. */
  pyspark: '3.3.2',
  /** The Hadoop inside pyspark 3.3.2, for s3a://. */
  hadoopAws: '3.3.2',
  /** The AWS SDK bundle that hadoop-aws 3.3.2's POM names. */
  awsSdkBundle: '1.11.1026',
  /** Lints the job template as Python 3.8. */
  ruff: '0.17.6',
  /**
   * MinIO, built with `go install` as its docs show: the newest version the Go module proxy serves
   * (MinIO publishes pseudo-versions, not semver tags).
   */
  minio: { module: 'github.com/minio/minio', version: 'v0.0.0-20260212201848-7aac2a2c5b7c' },
  /**
   * OpenTofu, the newest release the Go module proxy serves (`go list -m -versions github.com/opentofu/opentofu`).
   * `releaseFlag` is the -X linker flag its release build sets (a plain build calls itself "-dev").
   */
  tofu: {
    module: 'github.com/opentofu/opentofu',
    version: 'v1.12.6',
    package: './cmd/tofu',
    releaseFlag: 'github.com/opentofu/opentofu/version.dev=no',
  },
  /** The Terraform provider the stacks are written for (tag v0.222.0, 2026-08-17). */
  yandexProvider: {
    module: 'github.com/yandex-cloud/terraform-provider-yandex',
    version: 'v0.222.0',
    package: '.',
    releaseFlag: 'github.com/yandex-cloud/terraform-provider-yandex/version.ProviderVersion=0.222.0',
  },
} as const;
