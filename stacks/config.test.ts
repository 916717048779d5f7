import { describe, it, expect } from 'vitest';
import { FerryError } from '@ferry/types';
import { readStackConfig } from './config.ts';

describe('given the stack configuration', () => {
  it('when only YC_FOLDER_ID is set, then the documented defaults apply and the buckets are named after the folder', () => {
    const config = readStackConfig({ YC_FOLDER_ID: 'b1gfolder' });
    expect(config).toMatchObject({
      folderId: 'b1gfolder',
      zone: 'ru-central1-a',
      resultsBucket: 'ferry-results-b1gfolder',
      workBucket: 'ferry-work-b1gfolder',
      noncurrentVersionDays: 30,
      clusterTtlSeconds: 4 * 3600,
      imageVersion: '2.1',
      runId: 'manual',
      dataHosts: 1,
    });
    expect(config.sshCidr).toBeUndefined();
    expect(config.stateBucket).toBeUndefined();
  });

  it('when YC_FOLDER_ID is missing, then the error names the variable and what it is for', () => {
    expect(() => readStackConfig({})).toThrow(new FerryError('YC_FOLDER_ID is required: the Yandex Cloud folder to deploy into'));
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
});
