import { existsSync } from 'node:fs';
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { notInstalled, type RealPart } from './parts.ts';
import { cacheDir, cachePaths } from './paths.ts';
import { PINS } from './versions.ts';

/**
 * OpenTofu and the yandex-cloud/yandex provider, built from the Go module proxy, so the stacks are checked by the
 * real provider with no registry: the provider sits in a filesystem mirror that a CLI configuration file points
 * `tofu init` at.
 */
export const TOFU: RealPart = {
  name: 'tofu',
  version: PINS.tofu.version,
  missing: () => notInstalled(TOFU, 'pnpm real-parts tofu builds it'),
};

export const YANDEX_PROVIDER: RealPart = {
  name: 'yandex-provider',
  version: PINS.yandexProvider.version,
  missing: () => notInstalled(YANDEX_PROVIDER, 'pnpm real-parts yandex-provider builds it'),
};

const providerVersion = PINS.yandexProvider.version.replace(/^v/, '');
const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };
const platform = `${process.platform}_${goArch[process.arch] ?? process.arch}`;
const mirror = join(cacheDir, 'terraform-mirror');
/** Terraform reads the stacks' `yandex-cloud/yandex` as this host; OpenTofu as registry.opentofu.org. */
const TERRAFORM_HOST = 'registry.terraform.io';
const OPENTOFU_HOST = 'registry.opentofu.org';

export const tofuPaths = {
  tofu: join(cachePaths.bin, 'tofu'),
  /** Where `go install` leaves the provider before it goes into the mirror. */
  builtProvider: join(cachePaths.bin, 'terraform-provider-yandex'),
  mirror,
  /** The mirror's unpacked layout: <host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>. */
  provider: join(mirror, TERRAFORM_HOST, 'yandex-cloud', 'yandex', providerVersion, platform, `terraform-provider-yandex_v${providerVersion}`),
  cliConfig: join(cacheDir, 'tofu.tfrc'),
};

/** Puts the built provider into the mirror, under both registry hosts. */
export async function installProviderIntoMirror(): Promise<void> {
  await mkdir(dirname(tofuPaths.provider), { recursive: true });
  await copyFile(tofuPaths.builtProvider, tofuPaths.provider);
  const alias = join(mirror, OPENTOFU_HOST);
  if (!existsSync(alias)) await symlink(TERRAFORM_HOST, alias);
}

/**
 * Writes the CLI configuration that makes `tofu init` (and `terraform init`) install yandex-cloud/yandex from the
 * mirror and nothing from a network: with only a filesystem_mirror block, no provider is ever downloaded.
 * Returns its path, for TF_CLI_CONFIG_FILE.
 */
export async function writeTofuCliConfig(): Promise<string> {
  const sources = [TERRAFORM_HOST, OPENTOFU_HOST].map((host) => `"${host}/yandex-cloud/yandex"`).join(', ');
  const config = `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = [${sources}]\n  }\n}\n`;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(tofuPaths.cliConfig, config);
  return tofuPaths.cliConfig;
}
