import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { FerryError } from '@ferry/types';
import { requestJson, retrying, type HttpOptions, type TokenSource } from './http.ts';

export interface YandexEndpoints {
  iam: string;
  dataproc: string;
  operation: string;
  metadata: string;
}

export const DEFAULT_ENDPOINTS: YandexEndpoints = {
  iam: 'https://iam.api.cloud.yandex.net',
  dataproc: 'https://dataproc.api.cloud.yandex.net',
  operation: 'https://operation.api.cloud.yandex.net',
  metadata: 'http://169.254.169.254',
};

// REST shapes (lowerCamelCase, int64 as strings, enums by name); unknown fields pass through.
export const OperationSchema = z.looseObject({
  id: z.string(),
  description: z.string().optional(),
  createdAt: z.string().optional(),
  modifiedAt: z.string().optional(),
  // proto3 JSON omits false booleans
  done: z.boolean().default(false),
  metadata: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.number(), message: z.string(), details: z.array(z.unknown()).optional() }).optional(),
  response: z.record(z.string(), z.unknown()).optional(),
});
export type Operation = z.infer<typeof OperationSchema>;

export const ClusterSchema = z.looseObject({
  id: z.string(),
  folderId: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  createdAt: z.string(),
  labels: z.record(z.string(), z.string()).default({}),
  status: z.string(),
  health: z.string().optional(),
});
export type Cluster = z.infer<typeof ClusterSchema>;

export const SubclusterSchema = z.looseObject({
  id: z.string(),
  clusterId: z.string(),
  name: z.string(),
  role: z.string(),
  resources: z.looseObject({ resourcePresetId: z.string() }),
  // int64 as a string in REST JSON
  hostsCount: z.coerce.number().int(),
});
export type Subcluster = z.infer<typeof SubclusterSchema>;

export const JOB_TERMINAL_STATUSES = ['DONE', 'ERROR', 'CANCELLED'] as const;

export const JobSchema = z.looseObject({
  id: z.string(),
  clusterId: z.string(),
  name: z.string().optional(),
  status: z.string(),
  createdAt: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type Job = z.infer<typeof JobSchema>;

export interface PysparkJobSpec {
  mainPythonFileUri: string;
  args?: string[];
  pythonFileUris?: string[];
  fileUris?: string[];
  properties?: Record<string, string>;
}

/** The request body of POST /clusters (see the Data Processing REST reference). */
export interface CreateClusterRequest {
  folderId: string;
  name: string;
  description?: string;
  labels?: Record<string, string>;
  configSpec: Record<string, unknown>;
  zoneId: string;
  serviceAccountId: string;
  bucket?: string;
  securityGroupIds?: string[];
  [field: string]: unknown;
}

export interface WaitOptions {
  pollIntervalMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const ClusterPage = z.object({ clusters: z.array(ClusterSchema).default([]), nextPageToken: z.string().optional() });
const OperationPage = z.object({ operations: z.array(OperationSchema).default([]), nextPageToken: z.string().optional() });
const SubclusterPage = z.object({ subclusters: z.array(SubclusterSchema).default([]), nextPageToken: z.string().optional() });
const JobPage = z.object({ jobs: z.array(JobSchema).default([]), nextPageToken: z.string().optional() });
const LogPage = z.object({ content: z.string().default(''), nextPageToken: z.string().optional() });

export interface YandexClientOptions extends HttpOptions {
  tokens: TokenSource;
  endpoints?: Partial<YandexEndpoints>;
  /** The folder the client works in (YC_FOLDER_ID), when known. */
  folderId?: string;
}

/** Data Processing clusters and jobs, and the operations they return, over plain HTTPS. */
export class YandexClient {
  readonly endpoints: YandexEndpoints;
  readonly folderId?: string;
  private readonly tokens: TokenSource;
  private readonly http: HttpOptions;

  constructor(options: YandexClientOptions) {
    this.endpoints = { ...DEFAULT_ENDPOINTS, ...options.endpoints };
    this.folderId = options.folderId;
    this.tokens = options.tokens;
    this.http = { timeoutMs: options.timeoutMs, retry: options.retry, fetch: options.fetch };
  }

  // --- clusters ---

  /** Every cluster of the folder (all pages); the API filters on name only. */
  async listClusters(folderId: string, options: { name?: string; signal?: AbortSignal } = {}): Promise<Cluster[]> {
    const query = { folderId, pageSize: '1000', ...nameFilter(options.name) };
    return (await this.allPages(ClusterPage, '/clusters', query, 'cluster list', options.signal)).flatMap((page) => page.clusters);
  }

  async getCluster(clusterId: string, signal?: AbortSignal): Promise<Cluster> {
    return parse(ClusterSchema, await this.dataproc('GET', `/clusters/${enc(clusterId)}`, { signal }), 'cluster');
  }

  async createCluster(request: CreateClusterRequest, signal?: AbortSignal): Promise<Operation> {
    return parse(OperationSchema, await this.dataproc('POST', '/clusters', { body: request, signal }), 'operation');
  }

  async deleteCluster(clusterId: string, signal?: AbortSignal): Promise<Operation> {
    return parse(OperationSchema, await this.dataproc('DELETE', `/clusters/${enc(clusterId)}`, { signal }), 'operation');
  }

  async listClusterOperations(clusterId: string, signal?: AbortSignal): Promise<Operation[]> {
    const pages = await this.allPages(OperationPage, `/clusters/${enc(clusterId)}/operations`, {}, 'operation list', signal);
    return pages.flatMap((page) => page.operations);
  }

  /** The cluster's subclusters (all pages): their roles, host presets and host counts. */
  async listSubclusters(clusterId: string, signal?: AbortSignal): Promise<Subcluster[]> {
    const pages = await this.allPages(SubclusterPage, `/clusters/${enc(clusterId)}/subclusters`, {}, 'subcluster list', signal);
    return pages.flatMap((page) => page.subclusters);
  }

  // --- jobs ---

  /**
   * Submits a PySpark job, once, and returns its id. A create whose answer was lost (a timeout, a dropped connection,
   * a 5xx after the API acted) may have created the job: before sending it again, the job is looked up by its name,
   * and the one found is returned. So the name must be unique on the cluster (ferry's: one per run). Every attempt
   * also carries the same Idempotency-Key, for an API that honours it.
   */
  async submitPysparkJob(clusterId: string, job: { name: string; pysparkJob: PysparkJobSpec }, signal?: AbortSignal): Promise<string> {
    const idempotencyKey = randomUUID();
    return retrying(
      async (attempt) => {
        if (attempt > 1) {
          const [submitted] = await this.listJobs(clusterId, { name: job.name, signal });
          if (submitted) return submitted.id;
        }
        const answer = await this.dataproc('POST', `/clusters/${enc(clusterId)}/jobs`, { body: job, signal, idempotencyKey, retries: 0 });
        const jobId = parse(OperationSchema, answer, 'operation').metadata?.jobId;
        if (typeof jobId !== 'string')
          throw new FerryError(`the Data Processing API accepted job ${job.name} on cluster ${clusterId} but returned no job id`);
        return jobId;
      },
      this.http.retry,
      signal,
    );
  }

  /** The cluster's jobs (all pages), or those of one name: the API filters on name only. */
  async listJobs(clusterId: string, options: { name?: string; signal?: AbortSignal } = {}): Promise<Job[]> {
    const query = { pageSize: '1000', ...nameFilter(options.name) };
    return (await this.allPages(JobPage, `/clusters/${enc(clusterId)}/jobs`, query, 'job list', options.signal)).flatMap((page) => page.jobs);
  }

  async getJob(clusterId: string, jobId: string, signal?: AbortSignal): Promise<Job> {
    return parse(JobSchema, await this.dataproc('GET', `/clusters/${enc(clusterId)}/jobs/${enc(jobId)}`, { signal }), 'job');
  }

  async cancelJob(clusterId: string, jobId: string, signal?: AbortSignal): Promise<Operation> {
    return parse(
      OperationSchema,
      await this.dataproc('POST', `/clusters/${enc(clusterId)}/jobs/${enc(jobId)}:cancel`, { body: {}, signal }),
      'operation',
    );
  }

  /** The job's log, page by page (pages are byte-sized chunks, not whole lines), until the API says there is no more. */
  async *jobLog(clusterId: string, jobId: string, signal?: AbortSignal): AsyncGenerator<string> {
    let pageToken = '';
    do {
      const query: Record<string, string> = pageToken ? { pageToken } : {};
      const page = parse(LogPage, await this.dataproc('GET', `/clusters/${enc(clusterId)}/jobs/${enc(jobId)}:logs`, { query, signal }), 'job log');
      if (page.content) yield page.content;
      pageToken = page.nextPageToken ?? '';
    } while (pageToken);
  }

  // --- operations ---

  async getOperation(operationId: string, signal?: AbortSignal): Promise<Operation> {
    const url = new URL(`/operations/${enc(operationId)}`, this.endpoints.operation);
    return parse(OperationSchema, await requestJson({ method: 'GET', url, tokens: this.tokens, signal }, this.http), 'operation');
  }

  /**
   * Polls until the operation is done; returns it when it succeeded, throws its error otherwise.
   * Polls quickly at first (short operations finish fast), then every pollIntervalMs.
   */
  async waitForOperation(operation: Operation, options: WaitOptions = {}): Promise<Operation> {
    const pollIntervalMs = options.pollIntervalMs ?? 5_000;
    const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
    let current = operation;
    let interval = Math.min(250, pollIntervalMs);
    while (!current.done) {
      if (Date.now() >= deadline) {
        throw new FerryError(`operation ${current.id} (${current.description ?? 'no description'}) is not done after ${options.timeoutMs} ms`);
      }
      await sleep(interval, undefined, { signal: options.signal });
      interval = Math.min(interval * 2, pollIntervalMs);
      current = await this.getOperation(current.id, options.signal);
    }
    if (current.error) {
      throw new FerryError(
        `operation ${current.id} (${current.description ?? 'no description'}) failed: ${current.error.message} (code ${current.error.code})`,
      );
    }
    return current;
  }

  /** Every page of a Data Processing list, following nextPageToken until the API gives none. */
  private async allPages<T extends { nextPageToken?: string | undefined }>(
    schema: z.ZodType<T>,
    path: string,
    query: Record<string, string>,
    what: string,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const pages: T[] = [];
    let pageToken = '';
    do {
      const page = parse(schema, await this.dataproc('GET', path, { query: pageToken ? { ...query, pageToken } : query, signal }), what);
      pages.push(page);
      pageToken = page.nextPageToken ?? '';
    } while (pageToken);
    return pages;
  }

  /** One Data Processing call; `retries` overrides the client's (0: the caller retries), `idempotencyKey` a POST's own. */
  private async dataproc(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    request: { query?: Record<string, string>; body?: unknown; signal?: AbortSignal; idempotencyKey?: string; retries?: number },
  ): Promise<unknown> {
    const url = new URL(`/dataproc/v1${path}`, this.endpoints.dataproc);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const headers = request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : undefined;
    const http = request.retries === undefined ? this.http : { ...this.http, retry: { ...this.http.retry, retries: request.retries } };
    return requestJson({ method, url, body: request.body, headers, tokens: this.tokens, signal: request.signal }, http);
  }
}

/** The list filter the API understands: by name only. */
function nameFilter(name: string | undefined): Record<string, string> {
  return name ? { filter: `name="${name}"` } : {};
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FerryError(`Yandex Cloud answered with an unexpected ${what}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
