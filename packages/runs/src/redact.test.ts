import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Storage } from '@ferry/storage';
import type { Store } from '@ferry/types';
import { createRedactor, startRun } from './index.ts';

// Fake credentials only: shaped like the real ones, valid nowhere.
const FAKE = {
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY0001',
  awsKeyId: 'YCAJEFAKEKEYID000001',
  ycToken: 't1.9euelZqFAKEIAMTOKEN0000000000',
  ll2Token: '0123456789abcdeffake0123456789abcdef0000',
  explicit: 'hunter2-explicit-db-password',
  pemBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCfakefakefake',
  bearer: 'eyJhbGciOiJQUzI1NiJ9.fakefakefake.signaturefake',
  signature: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
};
const PEM = `-----BEGIN PRIVATE KEY-----\n${FAKE.pemBody}\nAAAAfakeline2\n-----END PRIVATE KEY-----\n`;
const SIGNED_URL = `https://storage.yandexcloud.net/ferry-results/x.parquet?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${FAKE.awsKeyId}%2F20261121%2Fru-central1%2Fs3%2Faws4_request&X-Amz-Signature=${FAKE.signature}`;
const SECRET_TEXTS = [...Object.values(FAKE), 'AAAAfakeline2'];

describe('given a redactor over an environment with credentials', () => {
  it('when text carries secret values or secret shapes, then each is replaced by [REDACTED]', () => {
    const redact = createRedactor({
      env: {
        AWS_SECRET_ACCESS_KEY: FAKE.awsSecret,
        LL2_API_TOKEN: FAKE.ll2Token,
        FEATURE_TOKEN_ENABLED: 'false',
        GITHUB_TOKEN: 'abc',
        HOME: '/root/home',
      },
      secrets: [FAKE.explicit],
    });
    expect(redact(`key ${FAKE.awsSecret} and ${FAKE.ll2Token}`)).toBe('key [REDACTED] and [REDACTED]');
    expect(redact(`password=${FAKE.explicit}`)).toBe('password=[REDACTED]');
    expect(redact(`Authorization: Token ${FAKE.explicit}x`)).toBe('Authorization: Token [REDACTED]');
    expect(redact(`Authorization: Bearer ${FAKE.bearer}`)).toBe('Authorization: Bearer [REDACTED]');
    expect(redact(`got ${SIGNED_URL}`)).not.toContain(FAKE.signature);
    expect(redact(`got ${SIGNED_URL}`)).toContain('X-Amz-Signature=[REDACTED]');
    expect(redact(`key: ${PEM}`)).toBe('key: [REDACTED]\n');
    expect(redact(JSON.stringify({ private_key: 'abc\ndef' }))).toBe('{"private_key":"[REDACTED]"}');
    // Short values and booleans are not secrets worth blanking out everywhere; HOME is not secret-looking.
    expect(redact('ok: false, abc, /root/home')).toBe('ok: false, abc, /root/home');
  });
});

describe('given a run with credentials in the environment, in a key file and passed explicitly', () => {
  let dir: string;
  let storage: Storage;
  let results: Store;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-redact-'));
    const keyFile = path.join(dir, 'sa-key.json');
    await writeFile(keyFile, JSON.stringify({ id: 'ajefake', service_account_id: 'ajesa', private_key: PEM }));
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', FAKE.awsSecret);
    vi.stubEnv('AWS_ACCESS_KEY_ID', FAKE.awsKeyId);
    vi.stubEnv('YC_TOKEN', FAKE.ycToken);
    vi.stubEnv('LL2_API_TOKEN', FAKE.ll2Token);
    vi.stubEnv('YC_SERVICE_ACCOUNT_KEY_FILE', keyFile);
    storage = await Storage.open();
    results = await storage.store(path.join(dir, 'results'));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the secrets are logged, thrown, retried and written as artifacts, then no file of the run and no console line contains them', async () => {
    const consoleLines: string[] = [];
    const run = await startRun({ pipeline: 'rocket', results, secrets: [FAKE.explicit], console: (line) => consoleLines.push(line), debug: true });

    run.log.info(`using key ${FAKE.awsKeyId} with secret ${FAKE.awsSecret}`, { token: FAKE.ycToken, nested: { list: [FAKE.ll2Token, PEM] } });
    run.log.debug(`GET ${SIGNED_URL}`, { headers: { Authorization: `Bearer ${FAKE.bearer}` } });
    await run.step(
      'download',
      async (step) => {
        step.log.warn(`db password is ${FAKE.explicit}`);
        if (step.attempt === 1) throw new Error(`403 for ${SIGNED_URL} with Authorization: Token ${FAKE.ll2Token}`);
      },
      { retries: 1, minTimeoutMs: 0 },
    );
    await expect(run.step('upload', async () => Promise.reject(new Error(`bad key ${PEM}`)))).rejects.toThrow();
    await run.writeArtifact(
      'images.json',
      JSON.stringify({ images: [{ url: SIGNED_URL, launch_id: 'l1', status: 'failed', reason: `token ${FAKE.ycToken}` }] }),
    );
    await run.writeArtifact('key-copy.json', await readFile(process.env.YC_SERVICE_ACCOUNT_KEY_FILE!, 'utf8'));
    await run.finish('failed', new Error(`could not use ${FAKE.explicit} or ${FAKE.awsSecret}`));

    const runDir = path.join(dir, 'results', 'runs', run.id);
    const files = await readdir(runDir);
    expect(files).toEqual(expect.arrayContaining(['run.json', 'log.ndjson', 'report.md', 'report.html', 'images.json', 'key-copy.json']));
    const texts = [consoleLines.join('\n'), ...(await Promise.all(files.map((file) => readFile(path.join(runDir, file), 'utf8'))))];
    for (const text of texts) {
      for (const secret of SECRET_TEXTS) expect(text).not.toContain(secret);
      expect(text).not.toContain('BEGIN PRIVATE KEY');
    }
    // The redacted text is still there, so the check above is not vacuous.
    expect(texts.join('\n')).toContain('[REDACTED]');
    const record = JSON.parse(texts[files.indexOf('run.json') + 1]!) as { error: string; steps: { attempts: { error?: string }[] }[] };
    expect(record.error).toBe('could not use [REDACTED] or [REDACTED]');
    expect(record.steps[0]!.attempts[0]!.error).toContain('Authorization: Token [REDACTED]');
    expect(JSON.parse(texts[files.indexOf('key-copy.json') + 1]!)).toMatchObject({ private_key: '[REDACTED]' });
  });
});
