import { existsSync, readFileSync } from 'node:fs';
import { FerryError } from '@ferry/types';
import { MetadataTokenSource, parseServiceAccountKey, ServiceAccountKeyTokenSource, tokenSourceForYcToken } from './auth.ts';
import { DEFAULT_ENDPOINTS, YandexClient, type YandexEndpoints } from './client.ts';
import type { HttpOptions, TokenSource } from './http.ts';

export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): YandexEndpoints {
  return {
    iam: env.YC_IAM_ENDPOINT || DEFAULT_ENDPOINTS.iam,
    dataproc: env.YC_DATAPROC_ENDPOINT || DEFAULT_ENDPOINTS.dataproc,
    operation: env.YC_OPERATION_ENDPOINT || DEFAULT_ENDPOINTS.operation,
    metadata: env.YC_METADATA_ENDPOINT || DEFAULT_ENDPOINTS.metadata,
  };
}

/**
 * Credentials in order: YC_SERVICE_ACCOUNT_KEY_FILE (a path to an authorized key, or its JSON content, as the
 * Terraform provider accepts), then YC_TOKEN (an IAM token, or an OAuth token to exchange), then the VM metadata service.
 */
export function tokenSourceFromEnv(env: NodeJS.ProcessEnv = process.env, http: HttpOptions = {}): TokenSource {
  const endpoints = endpointsFromEnv(env);
  const keyFile = env.YC_SERVICE_ACCOUNT_KEY_FILE?.trim();
  if (keyFile) {
    let json = keyFile;
    if (!keyFile.startsWith('{')) {
      if (!existsSync(keyFile)) throw new FerryError(`YC_SERVICE_ACCOUNT_KEY_FILE points to ${keyFile}, which does not exist`);
      json = readFileSync(keyFile, 'utf8');
    }
    return new ServiceAccountKeyTokenSource(parseServiceAccountKey(json), endpoints.iam, http);
  }
  if (env.YC_TOKEN) return tokenSourceForYcToken(env.YC_TOKEN.trim(), endpoints.iam, http);
  return new MetadataTokenSource(endpoints.metadata, http);
}

/** The client configured by YC_* variables (endpoints, credentials, YC_FOLDER_ID). */
export function createYandexClientFromEnv(env: NodeJS.ProcessEnv = process.env, http: HttpOptions = {}): YandexClient {
  return new YandexClient({
    ...http,
    tokens: tokenSourceFromEnv(env, http),
    endpoints: endpointsFromEnv(env),
    folderId: env.YC_FOLDER_ID || undefined,
  });
}
