import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '@ferry/types';
import { storageConfigFromEnv } from './config.ts';
import { parseLocation, resolve } from './location.ts';

describe('given a location URL', () => {
  it('when it is s3://bucket/prefix, then bucket and prefix are split and slashes trimmed', () => {
    expect(parseLocation('s3://ferry-results/transactions/clean/')).toEqual({ kind: 's3', bucket: 'ferry-results', prefix: 'transactions/clean' });
    expect(parseLocation('s3://ferry-results')).toEqual({ kind: 's3', bucket: 'ferry-results', prefix: '' });
  });

  it('when it is s3a://, then it is the same as s3:// (Spark spelling)', () => {
    expect(parseLocation('s3a://work.bucket/input_data')).toEqual({ kind: 's3', bucket: 'work.bucket', prefix: 'input_data' });
  });

  it('when it names an endpoint and region in the query, then they are kept', () => {
    expect(parseLocation('s3://src-bucket/data?endpoint=yandex')).toEqual({ kind: 's3', bucket: 'src-bucket', prefix: 'data', endpoint: 'yandex' });
    expect(parseLocation('s3://b12/x?endpoint=http://127.0.0.1:9000/&region=us-east-1')).toEqual({
      kind: 's3',
      bucket: 'b12',
      prefix: 'x',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
    });
    expect(parseLocation('s3://b12?endpoint=embedded')).toMatchObject({ endpoint: 'embedded' });
  });

  it('when it says how to sign (?anonymous, ?profile=), then that is kept, and contradictions or bad values are refused', () => {
    expect(parseLocation('s3://otus-mlops-source-data?endpoint=yandex&anonymous')).toEqual({
      kind: 's3',
      bucket: 'otus-mlops-source-data',
      prefix: '',
      endpoint: 'yandex',
      anonymous: true,
    });
    expect(parseLocation('s3://src-data?anonymous=true')).toMatchObject({ anonymous: true });
    expect(parseLocation('s3://src-data/x?profile=team-a')).toMatchObject({ profile: 'team-a' });
    expect(() => parseLocation('s3://src-data?anonymous=false')).toThrow(
      '?anonymous in location s3://src-data takes no value (or "true"), got "false".',
    );
    expect(() => parseLocation('s3://src-data?anonymous&profile=a')).toThrow('Location s3://src-data is both ?anonymous and ?profile=a: choose one.');
    expect(() => parseLocation('s3://src-data?profile=')).toThrow(/Invalid profile "" in location s3:\/\/src-data/);
    expect(() => parseLocation('s3://src-data?signed=no')).toThrow(
      'Unknown parameter "signed" in location s3://src-data: only ?endpoint=, ?region=, ?profile= and ?anonymous are allowed.',
    );
  });

  it('when it is a relative or absolute path, then it is a directory resolved to an absolute path', () => {
    expect(parseLocation('data/out')).toEqual({ kind: 'dir', path: path.resolve('data/out') });
    expect(parseLocation('/tmp/ferry-x')).toEqual({ kind: 'dir', path: '/tmp/ferry-x' });
  });

  it('when it is a file:// URL, then it is that directory', () => {
    expect(parseLocation('file:///tmp/ferry%20x/y')).toEqual({ kind: 'dir', path: '/tmp/ferry x/y' });
  });

  it.each([
    ['s3://', /has no bucket/],
    ['s3:///prefix', /has no bucket/],
    ['s3://Bad_Bucket/x', /Invalid bucket name "Bad_Bucket"/],
    ['s3://ab/x', /Invalid bucket name/],
    ['s3://a..b/x', /Invalid bucket name/],
    ['s3://bucket/a/../b', /Invalid prefix/],
    ['s3://bucket/x?acl=1', /Unknown parameter "acl"/],
    ['s3://bucket/x?endpoint=ftp://host', /Invalid S3 endpoint/],
    ['s3://bucket/x?endpoint=https://user:pw@host', /carries credentials/],
    ['gs://bucket/x', /Unsupported location scheme "gs:\/\/"/],
    ['', /Empty location/],
  ])('when it is %j, then a clear FerryError says what is wrong', (url, message) => {
    expect(() => parseLocation(url)).toThrow(FerryError);
    expect(() => parseLocation(url)).toThrow(message);
  });

  it('when it carries credentials, then the error says so without repeating them', () => {
    let error: unknown;
    try {
      parseLocation('s3://AKIAEXAMPLE:topsecret@bucket/prefix');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FerryError);
    expect((error as Error).message).toMatch(/credentials/);
    expect((error as Error).message).not.toMatch(/AKIAEXAMPLE|topsecret/);
  });
});

describe('given a location resolved with the storage settings', () => {
  it('when it is in a bucket, then it has its endpoint, region, label, description and s3a root', () => {
    expect(resolve('s3://ferry-work/team-a/?region=eu-west-1', { endpoint: 'http://127.0.0.1:9000' })).toEqual({
      kind: 's3',
      signing: { kind: 'configured' },
      bucket: 'ferry-work',
      prefix: 'team-a',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      label: 's3://ferry-work/team-a',
      display: 's3://ferry-work/team-a (S3 at http://127.0.0.1:9000, region eu-west-1)',
      s3a: 's3a://ferry-work/team-a/',
    });
    expect(resolve('s3://ferry-work')).toMatchObject({ endpoint: 'embedded', label: 's3://ferry-work', s3a: 's3a://ferry-work/' });
  });

  it("when it names the yandex endpoint, then its URL and region are Yandex Object Storage's whatever region is configured", () => {
    expect(resolve('s3://src-data?endpoint=yandex', { region: 'us-east-1' })).toMatchObject({
      endpoint: 'https://storage.yandexcloud.net',
      region: 'ru-central1',
    });
    expect(resolve('s3://src-data', { endpoint: 'yandex', region: 'us-east-1' })).toMatchObject({ region: 'ru-central1' });
    expect(resolve('s3://src-data', { endpoint: 'https://s3.example.test', region: 'us-east-1' })).toMatchObject({ region: 'us-east-1' });
    expect(resolve('s3://src-data', { endpoint: 'https://s3.example.test' })).toMatchObject({ region: 'ru-central1' });
  });

  it('when it is signed anonymously or with a profile, then the description says which; on the embedded server neither applies', () => {
    expect(resolve('s3://src-data?endpoint=yandex&anonymous').display).toBe(
      's3://src-data (S3 at https://storage.yandexcloud.net, region ru-central1, anonymous)',
    );
    expect(resolve('s3://src-data?endpoint=yandex&profile=team-a')).toMatchObject({
      signing: { kind: 'profile', profile: 'team-a' },
      display: 's3://src-data (S3 at https://storage.yandexcloud.net, region ru-central1, profile team-a)',
    });
    expect(() => resolve('s3://src-data?anonymous')).toThrow(/on the embedded S3 server, which ferry signs for itself/);
  });

  it('when it is on the embedded server, then the description says where its data is and, once known, its URL', () => {
    expect(resolve('s3://b12/x', { embeddedDir: '/tmp/s3' }).display).toBe('s3://b12/x (embedded S3 server, data in /tmp/s3)');
    expect(resolve('s3://b12', { embeddedDir: '/tmp/s3', embeddedEndpoint: 'http://127.0.0.1:4568' }).display).toBe(
      's3://b12 (embedded S3 server at http://127.0.0.1:4568, data in /tmp/s3)',
    );
    expect(resolve('s3://b12').display).toContain(`data in ${path.resolve('.ferry/s3')})`);
  });

  it('when it is a directory, then it has no bucket, endpoint or s3a root, and is described as local', () => {
    expect(resolve('data/out')).toEqual({
      kind: 'dir',
      path: path.resolve('data/out'),
      label: path.resolve('data/out'),
      display: `${path.resolve('data/out')} (local directory)`,
    });
  });
});

describe('given S3 settings in the environment', () => {
  it('when FERRY_ variables and AWS_ variables are both set, then the more specific wins and overrides win over both', () => {
    const env = {
      FERRY_S3_ENDPOINT: 'yandex',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
      FERRY_S3_PATH_STYLE: 'false',
    };
    expect(storageConfigFromEnv(env)).toEqual({
      endpoint: 'yandex',
      region: 'eu-west-1',
      forcePathStyle: false,
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
    expect(storageConfigFromEnv(env, { endpoint: 'embedded', region: undefined })).toMatchObject({ endpoint: 'embedded', region: 'eu-west-1' });
  });

  it('when nothing is set, then the config is empty (the embedded server is the default)', () => {
    expect(storageConfigFromEnv({})).toEqual({});
  });

  it('when the path-style flag is not a boolean, then a FerryError names it', () => {
    expect(() => storageConfigFromEnv({ FERRY_S3_PATH_STYLE: 'maybe' })).toThrow(/FERRY_S3_PATH_STYLE/);
  });
});
