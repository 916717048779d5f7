import { randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { runLocalJob, type JobRunner } from './local-job.ts';

/**
 * A Yandex Cloud stand-in on 127.0.0.1 for tests: IAM (JWT exchange), the VM metadata token, Data Processing
 * clusters and jobs, and operations — with the REST shapes of the real API (lowerCamelCase, int64 as strings,
 * enums by name, operations with done/error/response and @type). Jobs run the local engine over the same S3.
 */

export interface EmulatedServiceAccountKey {
  keyId: string;
  serviceAccountId: string;
  publicKey: KeyObject;
}

export interface EmulatorOptions {
  /** Authorized keys whose JWTs the IAM endpoint accepts. */
  serviceAccountKeys?: EmulatedServiceAccountKey[];
  /** IAM tokens (t1.…) the APIs accept as if issued before the test started (a YC_TOKEN holding an IAM token). */
  staticTokens?: string[];
  /** Yandex Passport OAuth tokens the IAM exchange accepts; the APIs themselves refuse them, as the real ones do. */
  oauthTokens?: string[];
  /** Lifetime of issued IAM and metadata tokens (default 12 h, as IAM). */
  tokenTtlMs?: number;
  /** How long cluster create / delete operations take (default 50 ms). */
  clusterCreateMs?: number;
  clusterDeleteMs?: number;
  /** How long a job stays RUNNING before its work starts (a slow job; default 0). */
  jobHoldMs?: number;
  /** Bytes per job log page when the client gives no pageSize (default 512, small so paging is exercised). */
  logPageBytes?: number;
  /** Largest page of clusters served, whatever pageSize asks (the real API caps at 1000; small here to exercise paging). */
  maxPageSize?: number;
  /**
   * Whether a POST whose Idempotency-Key was seen gets the first answer back (default, as the API documents it) or
   * is carried out again ('ignored'), to show what a client's own lookup prevents.
   */
  idempotencyKeys?: 'honoured' | 'ignored';
  /** Runs a job's work; default: the DuckDB stand-in over `s3` (runSparkJob runs it on real Spark). */
  runJob?: JobRunner;
  /** The S3 server behind s3a:// URIs (credentials of the embedded server). */
  s3?: { endpoint: string; accessKeyId: string; secretAccessKey: string };
}

/** Failures a test can inject while the emulator runs. */
export interface InjectedFailures {
  /** The next jobs end ERROR after running (with this message in their log). */
  jobError?: string;
  /** The next cluster creations end with the cluster in ERROR and a failed operation. */
  clusterError?: string;
  /** Runs once before the next job's work starts (after it was accepted), e.g. to delete its input. */
  beforeNextJob?: () => Promise<void>;
  /** Answer the next `count` API calls (whose path matches) with this status. */
  bursts: { status: 403 | 429 | 500 | 503; count: number; match?: RegExp; retryAfterSeconds?: number; afterHandling?: boolean }[];
  /**
   * The next `count` calls (whose method and path match) take effect, then their connection is closed without an
   * answer: a reply lost on the way, which the client sees as a network error.
   */
  lostAnswers: { count: number; match?: RegExp }[];
}

interface ClusterState {
  json: Record<string, unknown>;
  /** The create request's configSpec, for its subclusters. */
  spec: Record<string, unknown>;
  deleting?: string;
}

interface JobState {
  json: Record<string, unknown>;
  log: string;
  abort: AbortController;
}

type Json = Record<string, unknown>;
export type BearerKind = 'issued-iam' | 'static-iam' | 'oauth' | 'unknown' | 'none';

/** How IAM tokens start; Yandex OAuth tokens (y0_…, AQAAAA…) never do. */
const IAM_TOKEN_PREFIX = 't1.';

const TYPE = 'type.googleapis.com/yandex.cloud.dataproc.v1.';
const BURST_BODIES: Record<InjectedFailures['bursts'][number]['status'], Json> = {
  403: { code: 7, message: 'Permission denied (injected)' },
  429: { code: 8, message: 'Too many requests' },
  500: { code: 13, message: 'Internal error (injected)' },
  503: { code: 14, message: 'Service unavailable (injected)' },
};
const TERMINAL = new Set(['DONE', 'ERROR', 'CANCELLED']);
const CLUSTER_NAME = /^[a-z][-a-z0-9]{1,61}[a-z0-9]$/;
/** A job's name is optional; when given, it has a cluster name's form. */
const JOB_NAME = CLUSTER_NAME;
const LABEL_KEY = /^[a-z][-_0-9a-z]{0,62}$/;
const LABEL_VALUE = /^[-_0-9a-z]{0,63}$/;

export class YandexEmulator {
  readonly failures: InjectedFailures = { bursts: [], lostAnswers: [] };
  /** Calls by kind: iam.token, metadata.token, clusters.list|get|create|delete|operations, jobs.create|get|list|logs|cancel, operations.get. */
  readonly calls = new Map<string, number>();
  readonly clusters = new Map<string, ClusterState>();
  readonly jobs = new Map<string, JobState>();
  readonly operations = new Map<string, Json>();
  /** The kind of bearer token each API call carried, in order (IAM and metadata token calls carry none). */
  readonly bearerKinds: BearerKind[] = [];
  private readonly tokens = new Map<string, number>();
  private readonly idempotent = new Map<string, Json>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private server = createServer((request, response) => void this.handle(request, response));
  url = '';

  constructor(private readonly options: EmulatorOptions = {}) {
    const notIam = options.staticTokens?.find((token) => !token.startsWith(IAM_TOKEN_PREFIX));
    if (notIam !== undefined) throw new Error(`staticTokens are IAM tokens and start with ${IAM_TOKEN_PREFIX}`);
  }

  static async start(options: EmulatorOptions = {}): Promise<YandexEmulator> {
    const emulator = new YandexEmulator(options);
    await new Promise<void>((resolve) => emulator.server.listen(0, '127.0.0.1', resolve));
    emulator.url = `http://127.0.0.1:${(emulator.server.address() as AddressInfo).port}`;
    return emulator;
  }

  /** YC_* endpoint variables pointing every API at the emulator. */
  get env(): Record<string, string> {
    return { YC_IAM_ENDPOINT: this.url, YC_DATAPROC_ENDPOINT: this.url, YC_OPERATION_ENDPOINT: this.url, YC_METADATA_ENDPOINT: this.url };
  }

  count(kind: string): number {
    return this.calls.get(kind) ?? 0;
  }

  /** Calls that create, use or wait for a cluster: every clusters.*, jobs.* and operations.* call. */
  get clusterCalls(): number {
    let total = 0;
    for (const [kind, n] of this.calls) if (/^(clusters|jobs|operations)\./.test(kind)) total += n;
    return total;
  }

  resetCalls(): void {
    this.calls.clear();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const job of this.jobs.values()) job.abort.abort();
    await Promise.allSettled([...this.running]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- HTTP ---

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', this.url);
      const body = await readBody(request);
      const route = this.route(request.method ?? 'GET', url.pathname);
      if (!route) return send(response, 404, { code: 5, message: `no such API: ${request.method} ${url.pathname}` });
      this.calls.set(route.kind, this.count(route.kind) + 1);
      const burst = this.failures.bursts.find((b) => b.count > 0 && (!b.match || b.match.test(url.pathname)));
      if (burst) burst.count -= 1;
      const fail = (answered: NonNullable<typeof burst>) => {
        const headers: Record<string, string> = answered.retryAfterSeconds === undefined ? {} : { 'retry-after': String(answered.retryAfterSeconds) };
        send(response, answered.status, BURST_BODIES[answered.status], headers);
      };
      if (burst && !burst.afterHandling) return fail(burst);
      if (route.kind !== 'iam.token' && route.kind !== 'metadata.token') {
        const auth = this.authorize(request.headers.authorization);
        if (auth) return send(response, 401, { code: 16, message: auth });
      }
      const key = request.headers['idempotency-key'];
      if (request.method === 'POST' && typeof key === 'string' && this.idempotent.has(key) && this.options.idempotencyKeys !== 'ignored') {
        return send(response, 200, this.operationJson(String(this.idempotent.get(key)!.id)));
      }
      let parsed: Json = {};
      try {
        if (body) parsed = JSON.parse(body) as Json;
      } catch {
        return send(response, 400, { code: 3, message: 'request body is not valid JSON' });
      }
      const [status, result] = await route.handler(url, parsed, request);
      if (request.method === 'POST' && typeof key === 'string' && status === 200 && typeof result.done === 'boolean')
        this.idempotent.set(key, result);
      // afterHandling: the call took effect but its answer is lost, as when a gateway times out.
      if (burst) return fail(burst);
      const lost = this.failures.lostAnswers.find((l) => l.count > 0 && (!l.match || l.match.test(`${request.method} ${url.pathname}`)));
      if (lost) {
        lost.count -= 1;
        response.socket?.destroy();
        return;
      }
      send(response, status, result);
    } catch (error) {
      send(response, 500, { code: 13, message: `emulator bug: ${(error as Error).message}` });
    }
  }

  private route(
    method: string,
    path: string,
  ): { kind: string; handler: (url: URL, body: Json, request: IncomingMessage) => Promise<[number, Json]> | [number, Json] } | undefined {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/iam/v1/tokens') return { kind: 'iam.token', handler: (_u, body) => this.exchangeForIamToken(body) };
    if (method === 'GET' && path === '/computeMetadata/v1/instance/service-accounts/default/token') {
      return { kind: 'metadata.token', handler: (_u, _b, request) => this.metadataToken(request) };
    }
    if (method === 'GET' && (m = path.match(/^\/operations\/([^/:]+)$/))) return { kind: 'operations.get', handler: () => this.getOperation(m![1]!) };
    if (path === '/dataproc/v1/clusters') {
      if (method === 'GET') return { kind: 'clusters.list', handler: (url) => this.listClusters(url) };
      if (method === 'POST') return { kind: 'clusters.create', handler: (_u, body) => this.createCluster(body) };
    }
    if ((m = path.match(/^\/dataproc\/v1\/clusters\/([^/:]+)$/))) {
      const id = decodeURIComponent(m[1]!);
      if (method === 'GET') return { kind: 'clusters.get', handler: () => this.getCluster(id) };
      if (method === 'DELETE') return { kind: 'clusters.delete', handler: () => this.deleteCluster(id) };
    }
    if (method === 'GET' && (m = path.match(/^\/dataproc\/v1\/clusters\/([^/:]+)\/operations$/))) {
      const id = decodeURIComponent(m[1]!);
      return { kind: 'clusters.operations', handler: () => this.clusterOperations(id) };
    }
    if (method === 'GET' && (m = path.match(/^\/dataproc\/v1\/clusters\/([^/:]+)\/subclusters$/))) {
      const id = decodeURIComponent(m[1]!);
      return { kind: 'clusters.subclusters', handler: () => this.subclusters(id) };
    }
    if ((m = path.match(/^\/dataproc\/v1\/clusters\/([^/:]+)\/jobs$/))) {
      const id = decodeURIComponent(m[1]!);
      if (method === 'POST') return { kind: 'jobs.create', handler: (_u, body) => this.createJob(id, body) };
      if (method === 'GET') return { kind: 'jobs.list', handler: (url) => this.listJobs(id, url) };
    }
    if ((m = path.match(/^\/dataproc\/v1\/clusters\/([^/:]+)\/jobs\/([^/:]+)(:logs|:cancel)?$/))) {
      const clusterId = decodeURIComponent(m[1]!);
      const jobId = decodeURIComponent(m[2]!);
      if (method === 'GET' && !m[3]) return { kind: 'jobs.get', handler: () => this.getJob(clusterId, jobId) };
      if (method === 'GET' && m[3] === ':logs') return { kind: 'jobs.logs', handler: (url) => this.jobLogs(clusterId, jobId, url) };
      if (method === 'POST' && m[3] === ':cancel') return { kind: 'jobs.cancel', handler: () => this.cancelJob(clusterId, jobId) };
    }
    return undefined;
  }

  // --- IAM ---

  /** API calls need an IAM token: one the emulator issued (unexpired) or a static one. An OAuth token is refused. */
  private authorize(header: string | undefined): string | undefined {
    const token = header?.match(/^Bearer (.+)$/)?.[1];
    this.bearerKinds.push(this.bearerKind(token));
    if (!token) return 'The request is missing an Authorization: Bearer header';
    if (this.options.staticTokens?.includes(token)) return undefined;
    if (this.options.oauthTokens?.includes(token)) return 'The token is invalid: an OAuth token is not an IAM token';
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'The token is invalid';
    if (expiresAt <= Date.now()) return 'The token has expired';
    return undefined;
  }

  private bearerKind(token: string | undefined): BearerKind {
    if (token === undefined) return 'none';
    if (this.tokens.has(token)) return 'issued-iam';
    if (this.options.staticTokens?.includes(token)) return 'static-iam';
    if (this.options.oauthTokens?.includes(token)) return 'oauth';
    return 'unknown';
  }

  private issueToken(): { token: string; expiresAt: number } {
    const token = `${IAM_TOKEN_PREFIX}emulated.${randomBytes(24).toString('base64url')}`;
    const expiresAt = Date.now() + (this.options.tokenTtlMs ?? 12 * 3_600_000);
    this.tokens.set(token, expiresAt);
    return { token, expiresAt };
  }

  /** POST /iam/v1/tokens takes one of a service account's JWT or a Yandex Passport OAuth token. */
  private async exchangeForIamToken(body: Json): Promise<[number, Json]> {
    if (typeof body.yandexPassportOauthToken === 'string') return this.exchangeOAuthToken(body.yandexPassportOauthToken);
    if (typeof body.jwt === 'string') return this.exchangeJwt(body.jwt);
    return [400, { code: 3, message: 'one of jwt or yandexPassportOauthToken is required' }];
  }

  private exchangeOAuthToken(oauthToken: string): [number, Json] {
    if (!this.options.oauthTokens?.includes(oauthToken)) return [401, { code: 16, message: 'The OAuth token is invalid' }];
    return this.issuedTokenAnswer();
  }

  /** Accepts a PS256 JWT signed by a registered key: kid = key id, iss = its service account, the IAM audience, exp − iat ≤ 3600. */
  private async exchangeJwt(jwt: string): Promise<[number, Json]> {
    try {
      const { kid, alg } = decodeProtectedHeader(jwt);
      if (alg !== 'PS256') return [401, { code: 16, message: `unsupported JWT algorithm ${alg}` }];
      const key = this.options.serviceAccountKeys?.find((candidate) => candidate.keyId === kid);
      if (!key) return [401, { code: 16, message: `unknown key id ${kid}` }];
      const { payload } = await jwtVerify(jwt, key.publicKey, {
        algorithms: ['PS256'],
        issuer: key.serviceAccountId,
        audience: 'https://iam.api.cloud.yandex.net/iam/v1/tokens',
        requiredClaims: ['iat', 'exp'],
      });
      if (payload.exp! - payload.iat! > 3600) return [401, { code: 16, message: 'JWT lifetime exceeds 3600 seconds' }];
    } catch (error) {
      return [401, { code: 16, message: `JWT rejected: ${(error as Error).message}` }];
    }
    return this.issuedTokenAnswer();
  }

  private issuedTokenAnswer(): [number, Json] {
    const { token, expiresAt } = this.issueToken();
    return [200, { iamToken: token, expiresAt: new Date(expiresAt).toISOString() }];
  }

  private metadataToken(request: IncomingMessage): [number, Json] {
    if (request.headers['metadata-flavor'] !== 'Google') return [403, { code: 7, message: 'Metadata-Flavor: Google header required' }];
    const { token, expiresAt } = this.issueToken();
    return [200, { access_token: token, expires_in: Math.floor((expiresAt - Date.now()) / 1000), token_type: 'Bearer' }];
  }

  // --- operations ---

  private newOperation(description: string, metadataType: string, metadata: Json): Json {
    const now = new Date().toISOString();
    const operation: Json = {
      id: newId(),
      description,
      createdAt: now,
      createdBy: 'emulated-service-account',
      modifiedAt: now,
      done: false,
      metadata: { '@type': TYPE + metadataType, ...metadata },
    };
    this.operations.set(String(operation.id), operation);
    return operation;
  }

  private finishOperation(operation: Json, outcome: { response: Json } | { error: { code: number; message: string } }): void {
    operation.done = true;
    operation.modifiedAt = new Date().toISOString();
    if ('response' in outcome) operation.response = outcome.response;
    else operation.error = { ...outcome.error, details: [] };
  }

  private operationJson(id: string): Json {
    const operation = this.operations.get(id)!;
    // proto3 JSON leaves out false booleans
    return operation.done ? { ...operation } : Object.fromEntries(Object.entries(operation).filter(([name]) => name !== 'done'));
  }

  private getOperation(id: string): [number, Json] {
    if (!this.operations.has(id)) return [404, { code: 5, message: `Operation ${id} not found` }];
    return [200, this.operationJson(id)];
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  // --- clusters ---

  private createCluster(body: Json): [number, Json] {
    const invalid = validateCreateCluster(body);
    if (invalid) return [400, { code: 3, message: invalid }];
    for (const cluster of this.clusters.values()) {
      if (cluster.json.folderId === body.folderId && cluster.json.name === body.name) {
        return [409, { code: 6, message: `Cluster with name ${String(body.name)} already exists` }];
      }
    }
    const configSpec = body.configSpec as Json;
    const json: Json = {
      id: newId(),
      folderId: body.folderId,
      createdAt: new Date().toISOString(),
      name: body.name,
      description: body.description ?? '',
      labels: body.labels ?? {},
      monitoring: [],
      config: { versionId: configSpec.versionId ?? '2.1', hadoop: configSpec.hadoop ?? {} },
      health: 'HEALTH_UNKNOWN',
      status: 'CREATING',
      zoneId: body.zoneId,
      serviceAccountId: body.serviceAccountId,
      bucket: body.bucket ?? '',
      uiProxy: body.uiProxy ?? false,
      securityGroupIds: body.securityGroupIds ?? [],
      deletionProtection: body.deletionProtection ?? false,
      environment: body.environment ?? 'PRODUCTION',
    };
    this.clusters.set(String(json.id), { json, spec: configSpec });
    const operation = this.newOperation('Create Data Proc cluster', 'CreateClusterMetadata', { clusterId: json.id });
    const failure = this.failures.clusterError;
    this.failures.clusterError = undefined;
    this.later(this.options.clusterCreateMs ?? 50, () => {
      if (failure) {
        json.status = 'ERROR';
        json.health = 'DEAD';
        this.finishOperation(operation, { error: { code: 13, message: failure } });
      } else {
        json.status = 'RUNNING';
        json.health = 'ALIVE';
        this.finishOperation(operation, { response: { '@type': `${TYPE}Cluster`, ...json } });
      }
    });
    return [200, operation];
  }

  private getCluster(id: string): [number, Json] {
    const cluster = this.clusters.get(id);
    if (!cluster) return [404, { code: 5, message: `Cluster ${id} not found` }];
    return [200, cluster.json];
  }

  /** pageToken paging; filter honoured on name only, as the real API. */
  private listClusters(url: URL): [number, Json] {
    const folderId = url.searchParams.get('folderId');
    if (!folderId) return [400, { code: 3, message: 'folderId is required' }];
    const name = url.searchParams.get('filter')?.match(/^name\s*=\s*"([^"]*)"$/)?.[1];
    const all = [...this.clusters.values()]
      .map((cluster) => cluster.json)
      .filter((json) => json.folderId === folderId && (name === undefined || json.name === name));
    const pageSize = Math.min(Number(url.searchParams.get('pageSize') || 100), this.options.maxPageSize ?? 1000);
    const start = Number(url.searchParams.get('pageToken') || 0);
    const page = all.slice(start, start + pageSize);
    const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
    return [200, next ? { clusters: page, nextPageToken: next } : { clusters: page }];
  }

  private deleteCluster(id: string): [number, Json] {
    const cluster = this.clusters.get(id);
    if (!cluster) return [404, { code: 5, message: `Cluster ${id} not found` }];
    if (cluster.deleting) return [400, { code: 9, message: `Cluster ${id} has an active operation: ${cluster.deleting}` }];
    const operation = this.newOperation('Delete Data Proc cluster', 'DeleteClusterMetadata', { clusterId: id });
    cluster.deleting = String(operation.id);
    cluster.json.status = 'STOPPING';
    this.later(this.options.clusterDeleteMs ?? 50, () => {
      for (const job of this.jobs.values()) if (job.json.clusterId === id) job.abort.abort();
      this.clusters.delete(id);
      this.finishOperation(operation, { response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } });
    });
    return [200, operation];
  }

  private clusterOperations(id: string): [number, Json] {
    if (!this.clusters.has(id)) return [404, { code: 5, message: `Cluster ${id} not found` }];
    const operations = [...this.operations.values()].filter((operation) => (operation.metadata as Json).clusterId === id);
    return [200, { operations: operations.map((operation) => this.operationJson(String(operation.id))) }];
  }

  /** The subclusters the cluster was created with, as the API lists them (int64 as strings). */
  private subclusters(id: string): [number, Json] {
    const cluster = this.clusters.get(id);
    if (!cluster) return [404, { code: 5, message: `Cluster ${id} not found` }];
    const specs = (cluster.spec.subclustersSpec ?? []) as Json[];
    return [
      200,
      {
        subclusters: specs.map((spec, index) => ({
          id: `${id}-sub${index}`,
          clusterId: id,
          createdAt: cluster.json.createdAt,
          name: spec.name,
          role: spec.role,
          resources: spec.resources,
          subnetId: spec.subnetId,
          hostsCount: String(spec.hostsCount ?? '1'),
        })),
      },
    ];
  }

  // --- jobs ---

  private createJob(clusterId: string, body: Json): [number, Json] {
    const cluster = this.clusters.get(clusterId);
    if (!cluster) return [404, { code: 5, message: `Cluster ${clusterId} not found` }];
    if (cluster.json.status !== 'RUNNING' || cluster.deleting)
      return [400, { code: 9, message: `Cluster ${clusterId} is not running (${String(cluster.json.status)})` }];
    const spec = body.pysparkJob as Json | undefined;
    if (!spec || typeof spec.mainPythonFileUri !== 'string') return [400, { code: 3, message: 'pysparkJob.mainPythonFileUri is required' }];
    if (body.name !== undefined && body.name !== '' && !JOB_NAME.test(String(body.name))) {
      return [400, { code: 3, message: `job name "${String(body.name)}" does not match ${JOB_NAME.source}` }];
    }
    const json: Json = {
      id: newId(),
      clusterId,
      createdAt: new Date().toISOString(),
      name: body.name ?? '',
      createdBy: 'emulated-service-account',
      status: 'PROVISIONING',
      pysparkJob: { args: [], ...spec },
    };
    const job: JobState = { json, log: '', abort: new AbortController() };
    this.jobs.set(String(json.id), job);
    const operation = this.newOperation('Create job', 'CreateJobMetadata', { clusterId, jobId: json.id });
    const run = this.runJob(job, operation).finally(() => this.running.delete(run));
    this.running.add(run);
    return [200, operation];
  }

  private async runJob(job: JobState, operation: Json): Promise<void> {
    const append = (line: string) => (job.log += `${line}\n`);
    const finish = (status: 'DONE' | 'ERROR' | 'CANCELLED') => {
      job.json.status = status;
      job.json.finishedAt = new Date().toISOString();
      append(`job ${String(job.json.id)} finished with status ${status}`);
      if (status === 'DONE') this.finishOperation(operation, { response: { '@type': `${TYPE}Job`, ...job.json } });
      else this.finishOperation(operation, { error: { code: status === 'CANCELLED' ? 1 : 13, message: `Job ${String(job.json.id)} ${status}` } });
    };
    const signal = job.abort.signal;
    const started = () => {
      if (job.json.status !== 'PROVISIONING') return;
      job.json.status = 'RUNNING';
      job.json.startedAt = new Date().toISOString();
      job.json.applicationInfo = { id: `application_${Date.now()}_0001`, applicationAttempts: [] };
    };
    try {
      await pause(10, signal);
      if (this.options.jobHoldMs) {
        started();
        await pause(this.options.jobHoldMs, signal);
      }
      const failure = this.failures.jobError;
      this.failures.jobError = undefined;
      const beforeJob = this.failures.beforeNextJob;
      this.failures.beforeNextJob = undefined;
      await beforeJob?.();
      const spec = job.json.pysparkJob as { mainPythonFileUri: string; args: string[]; properties?: Record<string, string> };
      await (this.options.runJob ?? runLocalJob)({
        spec: { ...spec, properties: spec.properties ?? {} },
        s3: this.options.s3,
        log: append,
        started,
        signal,
      });
      if (failure) {
        append('Traceback (most recent call last):');
        append(`RuntimeError: ${failure}`);
        return finish('ERROR');
      }
      finish('DONE');
    } catch (error) {
      if (signal.aborted) return finish('CANCELLED');
      append(`ERROR: ${(error as Error).message}`);
      finish('ERROR');
    }
  }

  private findJob(clusterId: string, jobId: string): JobState | undefined {
    const job = this.jobs.get(jobId);
    return job && job.json.clusterId === clusterId && this.clusters.has(clusterId) ? job : undefined;
  }

  private getJob(clusterId: string, jobId: string): [number, Json] {
    const job = this.findJob(clusterId, jobId);
    if (!job) return [404, { code: 5, message: `Job ${jobId} not found` }];
    return [200, job.json];
  }

  /** pageToken paging; the filter, as the API documents it, is on name only: `name="<job name>"`. */
  private listJobs(clusterId: string, url: URL): [number, Json] {
    if (!this.clusters.has(clusterId)) return [404, { code: 5, message: `Cluster ${clusterId} not found` }];
    const filter = url.searchParams.get('filter');
    const name = filter === null ? undefined : filter.match(/^\s*name\s*=\s*"([^"]*)"\s*$/)?.[1];
    if (filter !== null && (name === undefined || !JOB_NAME.test(name))) {
      return [400, { code: 3, message: `invalid filter "${filter}": only name="<job name>" is supported` }];
    }
    const all = [...this.jobs.values()]
      .map((job) => job.json)
      .filter((json) => json.clusterId === clusterId && (name === undefined || json.name === name));
    const pageSize = Math.min(Number(url.searchParams.get('pageSize') || 100), this.options.maxPageSize ?? 1000);
    const start = Number(url.searchParams.get('pageToken') || 0);
    const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
    return [200, { jobs: all.slice(start, start + pageSize), ...(next && { nextPageToken: next }) }];
  }

  /** The log in byte-sized pages; the page token is the byte offset of the next page. */
  private jobLogs(clusterId: string, jobId: string, url: URL): [number, Json] {
    const job = this.findJob(clusterId, jobId);
    if (!job) return [404, { code: 5, message: `Job ${jobId} not found` }];
    const bytes = Buffer.from(job.log, 'utf8');
    const start = Number(url.searchParams.get('pageToken') || 0);
    const size = Number(url.searchParams.get('pageSize') || this.options.logPageBytes || 512);
    const end = Math.min(bytes.length, start + size);
    const page: Json = { content: bytes.subarray(start, end).toString('utf8') };
    if (end < bytes.length) page.nextPageToken = String(end);
    return [200, page];
  }

  private cancelJob(clusterId: string, jobId: string): [number, Json] {
    const job = this.findJob(clusterId, jobId);
    if (!job) return [404, { code: 5, message: `Job ${jobId} not found` }];
    if (TERMINAL.has(String(job.json.status))) return [400, { code: 9, message: `Job ${jobId} is already ${String(job.json.status)}` }];
    job.json.status = 'CANCELLING';
    job.abort.abort();
    const operation = this.newOperation('Cancel job', 'CancelJobMetadata', { clusterId, jobId });
    this.finishOperation(operation, { response: { '@type': `${TYPE}Job`, ...job.json } });
    return [200, operation];
  }
}

function validateCreateCluster(body: Json): string | undefined {
  for (const field of ['folderId', 'name', 'configSpec', 'zoneId', 'serviceAccountId']) {
    if (body[field] === undefined || body[field] === '') return `${field} is required`;
  }
  if (!CLUSTER_NAME.test(String(body.name))) return `name "${String(body.name)}" does not match ${CLUSTER_NAME.source}`;
  const labels = (body.labels ?? {}) as Record<string, unknown>;
  if (Object.keys(labels).length > 64) return 'at most 64 labels';
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL_KEY.test(key) || typeof value !== 'string' || !LABEL_VALUE.test(value)) return `invalid label ${key}=${String(value)}`;
  }
  const subclusters = (body.configSpec as Json).subclustersSpec;
  if (!Array.isArray(subclusters) || subclusters.length === 0) return 'configSpec.subclustersSpec needs at least one subcluster';
  for (const subcluster of subclusters as Json[]) {
    if (typeof subcluster.hostsCount !== 'string' && subcluster.hostsCount !== undefined) return 'hostsCount is int64: send it as a string';
    const diskSize = (subcluster.resources as Json | undefined)?.diskSize;
    if (diskSize !== undefined && typeof diskSize !== 'string') return 'resources.diskSize is int64: send it as a string';
  }
  return undefined;
}

/** Yandex-style ids: 20 lowercase letters and digits. */
function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuv0123456789';
  return `c9q${[...randomBytes(17)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
