import { importPKCS8, SignJWT } from 'jose';
import { z } from 'zod';
import { FerryError } from '@ferry/types';
import { requestJson, YandexApiError, type HttpOptions, type TokenSource } from './http.ts';

export const IAM_TOKEN_AUDIENCE = 'https://iam.api.cloud.yandex.net/iam/v1/tokens';

/** An authorized key of a service account, as `yc iam key create` writes it (other fields ignored). */
export interface ServiceAccountKey {
  id: string;
  service_account_id: string;
  private_key: string;
}

const ServiceAccountKeySchema = z.object({
  id: z.string().min(1),
  service_account_id: z.string().min(1),
  private_key: z.string().includes('-----BEGIN'),
});

/** Parses key JSON; never echoes the content (it holds a private key). */
export function parseServiceAccountKey(json: string): ServiceAccountKey {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new FerryError('the service account key is not valid JSON (expected an authorized key: id, service_account_id, private_key)');
  }
  const parsed = ServiceAccountKeySchema.safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new FerryError(`the service account key is not an authorized key: check ${fields}`);
  }
  // The key file may start with a "PLEASE DO NOT REMOVE THIS LINE!" line before the PEM.
  const privateKey = parsed.data.private_key.slice(parsed.data.private_key.indexOf('-----BEGIN'));
  return { id: parsed.data.id, service_account_id: parsed.data.service_account_id, private_key: privateKey };
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

/** Refresh this long before the token expires, and at least hourly (IAM's advice). */
const REFRESH_MARGIN_MS = 5 * 60_000;
const MAX_TOKEN_AGE_MS = 60 * 60_000;
const JWT_LIFETIME_S = 3600;

/** Hands out a cached token and fetches a new one (once, for concurrent callers) when it is due. */
abstract class CachingTokenSource implements TokenSource {
  abstract readonly kind: TokenSource['kind'];
  private cached?: CachedToken;
  private pending?: Promise<CachedToken>;

  constructor(protected readonly now: () => number) {}

  async token(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.value;
    this.pending ??= this.fetchToken(signal).finally(() => (this.pending = undefined));
    this.cached = await this.pending;
    return this.cached.value;
  }

  protected refreshAt(obtainedAt: number, expiresAt: number): number {
    return Math.min(expiresAt - REFRESH_MARGIN_MS, obtainedAt + MAX_TOKEN_AGE_MS);
  }

  protected abstract fetchToken(signal?: AbortSignal): Promise<CachedToken>;
}

const IamTokenResponse = z.object({ iamToken: z.string().min(1), expiresAt: z.string() });

/** IAM token from a service-account authorized key: a PS256 JWT exchanged at POST /iam/v1/tokens. */
export class ServiceAccountKeyTokenSource extends CachingTokenSource {
  readonly kind = 'service-account-key';

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly iamEndpoint: string,
    private readonly http: HttpOptions = {},
    now: () => number = Date.now,
  ) {
    super(now);
  }

  /** The signed JWT (header kid = key id; iss = service account; aud = the IAM token URL; lives one hour). */
  async signJwt(): Promise<string> {
    let privateKey: CryptoKey;
    try {
      privateKey = await importPKCS8(this.key.private_key, 'PS256');
    } catch (error) {
      throw new FerryError(`the private key of service account key ${this.key.id} cannot be read as PKCS#8 PEM`, { cause: error });
    }
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ typ: 'JWT', alg: 'PS256', kid: this.key.id })
      .setIssuer(this.key.service_account_id)
      .setAudience(IAM_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + JWT_LIFETIME_S)
      .sign(privateKey);
  }

  protected async fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    const obtainedAt = this.now();
    const body = await requestJson(
      { method: 'POST', url: new URL('/iam/v1/tokens', this.iamEndpoint), body: { jwt: await this.signJwt() }, signal },
      this.http,
    );
    const parsed = IamTokenResponse.safeParse(body);
    if (!parsed.success) throw new FerryError('Yandex Cloud POST /iam/v1/tokens answered without iamToken/expiresAt');
    const expiresAt = Date.parse(parsed.data.expiresAt);
    return { value: parsed.data.iamToken, refreshAt: this.refreshAt(obtainedAt, Number.isNaN(expiresAt) ? obtainedAt : expiresAt) };
  }
}

const MetadataTokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number() });

/** The token of the VM's (or Data Processing host's) service account, from the metadata service. */
export class MetadataTokenSource extends CachingTokenSource {
  readonly kind = 'metadata';

  constructor(
    private readonly metadataEndpoint: string,
    private readonly http: HttpOptions = {},
    now: () => number = Date.now,
  ) {
    super(now);
  }

  protected async fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    const obtainedAt = this.now();
    const url = new URL('/computeMetadata/v1/instance/service-accounts/default/token', this.metadataEndpoint);
    const body = await requestJson({ method: 'GET', url, headers: { 'metadata-flavor': 'Google' }, signal }, { ...this.http, timeoutMs: 5_000 });
    const parsed = MetadataTokenResponse.safeParse(body);
    if (!parsed.success) throw new FerryError('the metadata service answered without access_token/expires_in');
    return { value: parsed.data.access_token, refreshAt: this.refreshAt(obtainedAt, obtainedAt + parsed.data.expires_in * 1000) };
  }
}

/** An IAM token given as is (YC_TOKEN = t1.…): used until it stops working. */
export class StaticTokenSource implements TokenSource {
  readonly kind = 'static';
  constructor(
    private readonly value: string,
    readonly variable?: string,
  ) {}
  async token(): Promise<string> {
    return this.value;
  }
}

/**
 * IAM tokens from a user's Yandex Passport OAuth token (what `yc init` asks for, and what YC_TOKEN often holds: the
 * Terraform provider takes both kinds, the REST APIs only IAM tokens): exchanged at POST /iam/v1/tokens, cached and
 * exchanged again before the IAM token expires.
 */
export class OAuthTokenSource extends CachingTokenSource {
  readonly kind = 'oauth';

  constructor(
    private readonly oauthToken: string,
    private readonly iamEndpoint: string,
    private readonly http: HttpOptions = {},
    now: () => number = Date.now,
    readonly variable = 'YC_TOKEN',
  ) {
    super(now);
  }

  protected async fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    const obtainedAt = this.now();
    let body: unknown;
    try {
      const url = new URL('/iam/v1/tokens', this.iamEndpoint);
      body = await requestJson({ method: 'POST', url, body: { yandexPassportOauthToken: this.oauthToken }, signal }, this.http);
    } catch (error) {
      if (error instanceof YandexApiError && error.status !== undefined && error.status >= 400 && error.status < 500) {
        throw new FerryError(
          `${this.variable} was rejected: it is not an IAM token (those start with t1.), and IAM refused it as an OAuth token (HTTP ${error.status}); set a fresh one (yc iam create-token, or your OAuth token)`,
          { cause: error },
        );
      }
      throw error;
    }
    const parsed = IamTokenResponse.safeParse(body);
    if (!parsed.success) throw new FerryError('Yandex Cloud POST /iam/v1/tokens answered without iamToken/expiresAt');
    const expiresAt = Date.parse(parsed.data.expiresAt);
    return { value: parsed.data.iamToken, refreshAt: this.refreshAt(obtainedAt, Number.isNaN(expiresAt) ? obtainedAt : expiresAt) };
  }
}

/** IAM tokens start with `t1.`; anything else in YC_TOKEN is taken for an OAuth token. */
export function isIamToken(token: string): boolean {
  return token.startsWith('t1.');
}

/** YC_TOKEN as users have it: an IAM token is used as is, an OAuth token is exchanged for IAM tokens. */
export function tokenSourceForYcToken(token: string, iamEndpoint: string, http: HttpOptions = {}): TokenSource {
  return isIamToken(token) ? new StaticTokenSource(token, 'YC_TOKEN') : new OAuthTokenSource(token, iamEndpoint, http);
}
