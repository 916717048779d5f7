import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '@ferry/types';
import { clusterRequest, generateServiceAccountKey, YandexEmulator, type TestServiceAccountKey } from '../../../test/emulator/index.ts';
import { IAM_TOKEN_AUDIENCE, OAuthTokenSource, parseServiceAccountKey, ServiceAccountKeyTokenSource, StaticTokenSource } from './auth.ts';
import { YandexClient } from './client.ts';
import { createYandexClientFromEnv } from './env.ts';
import { reapClusters } from './reaper.ts';

const FOLDER = 'b1g-folder';
const fastRetry = { retry: { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20 } };

describe('given a service account authorized key and the IAM emulator', () => {
  let key: TestServiceAccountKey;
  let emulator: YandexEmulator;
  let dir: string;

  beforeEach(async () => {
    key = generateServiceAccountKey();
    emulator = await YandexEmulator.start({ serviceAccountKeys: [key.emulated], tokenTtlMs: 10 * 60_000, staticTokens: ['t1.static-token'] });
    dir = await mkdtemp(join(tmpdir(), 'ferry-yandex-auth-'));
  });
  afterEach(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the key file is given by path, then the JWT is exchanged once and the IAM token reused across calls', async () => {
    const keyFile = join(dir, 'key.json');
    await writeFile(keyFile, key.json);
    const client = createYandexClientFromEnv({ ...emulator.env, YC_SERVICE_ACCOUNT_KEY_FILE: keyFile, YC_FOLDER_ID: FOLDER }, fastRetry);

    expect(await client.listClusters(client.folderId!)).toEqual([]);
    expect(await client.listClusters(FOLDER)).toEqual([]);
    expect(emulator.count('iam.token')).toBe(1);
    expect(emulator.count('clusters.list')).toBe(2);
  });

  it('when the variable holds the key JSON itself (as the Terraform provider accepts), then it works too', async () => {
    const client = createYandexClientFromEnv({ ...emulator.env, YC_SERVICE_ACCOUNT_KEY_FILE: key.json }, fastRetry);
    expect(await client.listClusters(FOLDER)).toEqual([]);
    expect(emulator.count('iam.token')).toBe(1);
  });

  it('when the token nears expiry (or is an hour old), then a new one is fetched before it expires', async () => {
    let clock = Date.now();
    const tokens = new ServiceAccountKeyTokenSource(parseServiceAccountKey(key.json), emulator.url, fastRetry, () => clock);
    const first = await tokens.token();
    clock += 4 * 60_000; // 6 min left of 10: still fresh
    expect(await tokens.token()).toBe(first);
    clock += 2 * 60_000; // 4 min left: inside the 5-minute margin
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(emulator.count('iam.token')).toBe(2);
    // The fresh token works against the API.
    const client = new YandexClient({ tokens, endpoints: { dataproc: emulator.url }, ...fastRetry });
    expect(await client.listClusters(FOLDER)).toEqual([]);
  });

  it('when concurrent calls need a token, then one exchange serves them all', async () => {
    const tokens = new ServiceAccountKeyTokenSource(parseServiceAccountKey(key.json), emulator.url, fastRetry);
    const all = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    expect(new Set(all).size).toBe(1);
    expect(emulator.count('iam.token')).toBe(1);
  });

  it('when the JWT is signed with another private key under the same key id, then IAM answers 401 and the error names the call, not the JWT', async () => {
    const impostor = generateServiceAccountKey();
    const forged = JSON.stringify({ ...JSON.parse(impostor.json), id: key.emulated.keyId, service_account_id: key.emulated.serviceAccountId });
    const tokens = new ServiceAccountKeyTokenSource(parseServiceAccountKey(forged), emulator.url, fastRetry);
    const jwt = await tokens.signJwt();

    const error = await tokens.token().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FerryError);
    expect((error as Error).message).toMatch(/POST \/iam\/v1\/tokens failed: HTTP 401: JWT rejected: signature verification failed/);
    expect((error as Error).message).not.toContain(jwt);
    expect(emulator.count('iam.token')).toBe(1); // a 401 is not retried
  });

  it('when a JWT is expired, lives longer than an hour, or names another audience, then IAM refuses it with 401', async () => {
    const privateKey = createPrivateKey(parseServiceAccountKey(key.json).private_key);
    const now = Math.floor(Date.now() / 1000);
    const exchange = async (iat: number, exp: number, audience = IAM_TOKEN_AUDIENCE) => {
      const jwt = await new SignJWT({})
        .setProtectedHeader({ typ: 'JWT', alg: 'PS256', kid: key.emulated.keyId })
        .setIssuer(key.emulated.serviceAccountId)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(privateKey);
      const response = await fetch(new URL('/iam/v1/tokens', emulator.url), { method: 'POST', body: JSON.stringify({ jwt }) });
      return { status: response.status, message: ((await response.json()) as { message?: string }).message };
    };
    expect(await exchange(now - 7200, now - 3600)).toEqual({ status: 401, message: expect.stringMatching(/"exp" claim timestamp check failed/) });
    expect(await exchange(now, now + 7200)).toEqual({ status: 401, message: 'JWT lifetime exceeds 3600 seconds' });
    expect(await exchange(now, now + 600, 'https://example.com/tokens')).toEqual({
      status: 401,
      message: 'JWT rejected: unexpected "aud" claim value',
    });
    expect((await exchange(now, now + 600)).status).toBe(200);
  });

  it('when YC_TOKEN holds an IAM token (t1.…), then it is sent as the bearer token as is and no exchange happens', async () => {
    const client = createYandexClientFromEnv({ ...emulator.env, YC_TOKEN: 't1.static-token' }, fastRetry);
    expect(await client.listClusters(FOLDER)).toEqual([]);
    expect(emulator.count('iam.token')).toBe(0);
    expect(emulator.bearerKinds).toEqual(['static-iam']);
  });

  it('when the IAM token in YC_TOKEN is rejected, then the one-line error names YC_TOKEN and does not contain the token', async () => {
    const client = createYandexClientFromEnv({ ...emulator.env, YC_TOKEN: 't1.not-a-real-token' }, fastRetry);
    const error = await client.listClusters(FOLDER).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('Yandex Cloud GET /dataproc/v1/clusters failed: HTTP 401: The token is invalid (the token from YC_TOKEN)');
  });

  it('when neither key nor token is configured, then the VM metadata service provides the token (with Metadata-Flavor)', async () => {
    const client = createYandexClientFromEnv({ ...emulator.env }, fastRetry);
    expect(await client.listClusters(FOLDER)).toEqual([]);
    expect(await client.listClusters(FOLDER)).toEqual([]);
    expect(emulator.count('metadata.token')).toBe(1);
    expect(emulator.count('iam.token')).toBe(0);
  });
});

describe('given a key file that is not an authorized key', () => {
  it('when it is parsed, then the error names the missing fields and never echoes the content', () => {
    const secretish = JSON.stringify({ id: 'k1', private_key: 'very-secret-material' });
    expect(() => parseServiceAccountKey(secretish)).toThrow(/check service_account_id, private_key/);
    expect(() => parseServiceAccountKey(secretish)).not.toThrow(/very-secret-material/);
    expect(() => parseServiceAccountKey('{not json')).toThrow(/not valid JSON/);
  });

  it('when the PEM is preceded by the "PLEASE DO NOT REMOVE THIS LINE" line, then the line is dropped', () => {
    const key = parseServiceAccountKey(generateServiceAccountKey().json);
    expect(key.private_key.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
  });
});

describe('given IAM tokens that expire at once', () => {
  it('when an expired token is used, then the API answers 401 "The token has expired"', async () => {
    const emulator = await YandexEmulator.start({ tokenTtlMs: 1 });
    try {
      const metadataToken = (
        (await (
          await fetch(new URL('/computeMetadata/v1/instance/service-accounts/default/token', emulator.url), {
            headers: { 'Metadata-Flavor': 'Google' },
          })
        ).json()) as { access_token: string }
      ).access_token;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const expired = new YandexClient({ tokens: new StaticTokenSource(metadataToken), endpoints: { dataproc: emulator.url }, ...fastRetry });
      await expect(expired.listClusters(FOLDER)).rejects.toThrow('Yandex Cloud GET /dataproc/v1/clusters failed: HTTP 401: The token has expired');
    } finally {
      await emulator.stop();
    }
  });
});

describe("given a user's OAuth token in YC_TOKEN and the IAM emulator", () => {
  const OAUTH = 'y0_AgAAAABoAuthTokenOfAUser0123456789abcdef';
  let emulator: YandexEmulator;

  beforeEach(async () => {
    emulator = await YandexEmulator.start({ oauthTokens: [OAUTH], tokenTtlMs: 10 * 60_000, clusterCreateMs: 5, clusterDeleteMs: 5 });
  });
  afterEach(() => emulator.stop());

  it('when the reaper lists and deletes clusters, then the OAuth token is exchanged once and every API call carries the issued IAM token', async () => {
    const client = createYandexClientFromEnv({ ...emulator.env, YC_TOKEN: OAUTH, YC_FOLDER_ID: FOLDER }, fastRetry);
    const created = await client.createCluster(
      clusterRequest({ folderId: FOLDER, name: 'ferry-old', labels: { app: 'ferry', 'ferry-expires-at': '1' } }),
    );
    await client.waitForOperation(created, { pollIntervalMs: 5 });

    const rows = await reapClusters({ client, folderId: FOLDER, pollIntervalMs: 5 });
    expect(rows.map((row) => row.action)).toEqual(['deleted']);
    expect(emulator.count('iam.token')).toBe(1);
    expect(emulator.bearerKinds.length).toBeGreaterThanOrEqual(4); // create, its operation, list, delete, …
    expect(new Set(emulator.bearerKinds)).toEqual(new Set(['issued-iam']));
  });

  it('when the IAM token nears expiry, then the OAuth token is exchanged again before it expires', async () => {
    let clock = Date.now();
    const tokens = new OAuthTokenSource(OAUTH, emulator.url, fastRetry, () => clock);
    const first = await tokens.token();
    clock += 4 * 60_000; // 6 of 10 minutes left
    expect(await tokens.token()).toBe(first);
    clock += 2 * 60_000; // inside the 5-minute margin
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(emulator.count('iam.token')).toBe(2);
    const client = new YandexClient({ tokens, endpoints: { dataproc: emulator.url }, ...fastRetry });
    expect(await client.listClusters(FOLDER)).toEqual([]);
    expect(emulator.bearerKinds).toEqual(['issued-iam']);
  });

  it('when IAM refuses the token, then one line names YC_TOKEN, without the token, and no API call is made', async () => {
    const revoked = 'y0_AgAAAABrevokedOAuthToken9876543210';
    const client = createYandexClientFromEnv({ ...emulator.env, YC_TOKEN: revoked }, fastRetry);
    const error = await client.listClusters(FOLDER).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FerryError);
    expect((error as Error).message).toBe(
      'YC_TOKEN was rejected: it is not an IAM token (those start with t1.), and IAM refused it as an OAuth token (HTTP 401); set a fresh one (yc iam create-token, or your OAuth token)',
    );
    expect((error as Error).message).not.toContain(revoked);
    expect(emulator.count('iam.token')).toBe(1);
    expect(emulator.bearerKinds).toEqual([]);
  });

  it('when an OAuth token is sent to the API itself, as an IAM token, then the emulator refuses it like the real API', async () => {
    const client = new YandexClient({ tokens: new StaticTokenSource(OAUTH), endpoints: { dataproc: emulator.url }, ...fastRetry });
    await expect(client.listClusters(FOLDER)).rejects.toThrow(
      'Yandex Cloud GET /dataproc/v1/clusters failed: HTTP 401: The token is invalid: an OAuth token is not an IAM token',
    );
    expect(emulator.bearerKinds).toEqual(['oauth']);
  });
});
