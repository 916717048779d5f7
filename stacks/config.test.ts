import { describe, it, expect } from 'vitest';
import { FerryError } from '@ferry/types';
import { readStackConfig } from './config.ts';

describe('given the stack configuration', () => {
  it('when only YC_FOLDER_ID is set, then the documented defaults apply and the bucket names are left to the stacks', () => {
    const config = readStackConfig({ YC_FOLDER_ID: 'b1gfolder' });
    expect(config).toMatchObject({
      folderId: 'b1gfolder',
      zone: 'ru-central1-a',
      noncurrentVersionDays: 30,
      clusterTtlSeconds: 4 * 3600,
      imageVersion: '2.1',
      runId: 'manual',
      dataHosts: 1,
    });
    expect(config.resultsBucket).toBeUndefined();
    expect(config.workBucket).toBeUndefined();
    expect(config.sshCidr).toBeUndefined();
    expect(config.stateBucket).toBeUndefined();
  });

  it('when nothing is set, then the configuration is complete without a folder: it is given at deploy time', () => {
    const config = readStackConfig({});
    expect(config.folderId).toBeUndefined();
    expect(config).toMatchObject({ zone: 'ru-central1-a', runId: 'manual', diskSizeGb: 40 });
  });

  it('when a folder is given but malformed, then the error names YC_FOLDER_ID and what it is for', () => {
    expect(() => readStackConfig({ YC_FOLDER_ID: 'B1G_folder' })).toThrow(
      new FerryError('YC_FOLDER_ID is invalid (lowercase letters and digits): the Yandex Cloud folder to deploy into'),
    );
  });

  it('when a value is malformed, then the error names the variable and the expected form', () => {
    expect(() => readStackConfig({ YC_FOLDER_ID: 'b1g', FERRY_SSH_CIDR: 'anywhere' })).toThrow(
      /^FERRY_SSH_CIDR is invalid \(an IPv4 CIDR\): the only source allowed to reach the hosts over SSH$/,
    );
    expect(() => readStackConfig({ YC_FOLDER_ID: 'b1g', FERRY_DISK_SIZE_GB: '5' })).toThrow(/^FERRY_DISK_SIZE_GB is invalid/);
    expect(() => readStackConfig({ YC_FOLDER_ID: 'b1g', FERRY_RUN_ID: 'Run_1' })).toThrow(/^FERRY_RUN_ID is invalid/);
  });

  it('when a value comes from cdktf context only, then it is used, and the environment wins over context', () => {
    const context = (name: string) => ({ YC_FOLDER_ID: 'b1gcontext', FERRY_DATA_HOSTS: 3 })[name];
    expect(readStackConfig({}, context)).toMatchObject({ folderId: 'b1gcontext', dataHosts: 3 });
    expect(readStackConfig({ FERRY_DATA_HOSTS: '2' }, context).dataHosts).toBe(2);
  });

  it('when FERRY_DATAPROC_IMAGE is 2.2, then it is used; when it is 2.0 or a full version, then one line says which images the job runs on', () => {
    expect(readStackConfig({ FERRY_DATAPROC_IMAGE: '2.2' }).imageVersion).toBe('2.2');
    const refusal =
      'FERRY_DATAPROC_IMAGE is invalid (2.1, the default, or 2.2: the job needs Spark 3.3 or later, and 2.0 has Spark 3.0): the Data Processing image version';
    for (const version of ['2.0', '1.4', '2.1.15', '3'])
      expect(() => readStackConfig({ FERRY_DATAPROC_IMAGE: version }), version).toThrow(new FerryError(refusal));
  });

  it('when SSH is opened without a key, or the key is not an OpenSSH public key line, then the error says so in one line', () => {
    expect(() => readStackConfig({ FERRY_SSH_CIDR: '203.0.113.7/32' })).toThrow(
      new FerryError('FERRY_SSH_CIDR opens SSH to the hosts, but nobody could log in without FERRY_SSH_PUBLIC_KEY: set both, or neither'),
    );
    expect(() => readStackConfig({ FERRY_SSH_PUBLIC_KEY: '-----BEGIN OPENSSH PRIVATE KEY-----' })).toThrow(
      /^FERRY_SSH_PUBLIC_KEY is invalid \(one OpenSSH public key line, e.g. the content of ~\/.ssh\/id_ed25519.pub\): the SSH public key installed on the hosts$/,
    );
    expect(readStackConfig({ FERRY_SSH_CIDR: '203.0.113.7/32', FERRY_SSH_PUBLIC_KEY: 'ssh-ed25519 AAAAC3Nza me@laptop\n' }).sshPublicKey).toBe(
      'ssh-ed25519 AAAAC3Nza me@laptop',
    );
  });
});
