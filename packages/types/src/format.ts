import type { z } from 'zod';
import { FerryError } from './errors.ts';
import type { ObjectInfo, Store } from './storage.ts';

/** Why a text is not a file of a format, in words that name the field: "periods.2019-08-22.files[0].etag is missing". */
export type FormatProblem =
  | { kind: 'json'; detail: 'not valid JSON' }
  | { kind: 'shape'; detail: string }
  /** Written by a newer ferry: this one must neither trust nor overwrite it. */
  | { kind: 'newer'; version: number; reads: number };

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: FormatProblem };

/**
 * One persisted JSON format: its schema and the one way to read and write it. A versioned format's files carry a
 * `version` field, which the format adds and checks (values never see it). A file without one is what ferry wrote
 * before its formats had versions: version 1, read as the current version when that is 1 and the shape matches, or
 * through `unversioned`. A file of a newer version is refused, and never rewritten.
 */
export interface JsonFormat<T> {
  /** What a file of this format is, for messages: "ferry manifest". */
  readonly name: string;
  /** The version this ferry writes, or undefined for a format without one. */
  readonly version: number | undefined;
  decode(text: string): Decoded<T>;
  /** The file's text: pretty-printed (or one line when `compact`) with a final newline. */
  encode(value: T): string;
  /** The value of a file's text, or a FerryError: "<where> is not a <name>: <field> is missing". */
  parse(text: string, where: string): T;
  /** Reads `key`: undefined when absent; a FerryError naming the file and the field when it is not this format. */
  read(store: Store, key: string): Promise<T | undefined>;
  /**
   * Writes `key`, unless an object there already is one this ferry cannot read (a newer version, a missing field):
   * that is refused with a FerryError naming the file and the field, so nothing a newer ferry wrote is destroyed.
   */
  write(store: Store, key: string, value: T): Promise<ObjectInfo>;
}

export interface JsonFormatSpec<S extends z.ZodType> {
  name: string;
  schema: S;
  /** The version written, as a `version` field ahead of the schema's fields; leave out for a format that has none. */
  version?: number;
  /** How a file without a version field reads, as a body of the current schema; default: as it is (version 1). */
  unversioned?: (json: unknown) => unknown;
  /** Written on one line (a lock's body); default pretty-printed. */
  compact?: boolean;
  /** What to do about a file that is not valid JSON or misses a field, appended to the message. */
  remedy?: string;
}

export function jsonFormat<S extends z.ZodType>(spec: JsonFormatSpec<S>): JsonFormat<z.output<S>> {
  const { name, schema, version } = spec;
  if (version !== undefined && version > 1 && !spec.unversioned)
    throw new Error(`${name}: a version ${version} format must say how an unversioned file reads`);

  function decode(text: string): Decoded<z.output<S>> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: { kind: 'json', detail: 'not valid JSON' } };
    }
    if (version !== undefined) {
      const read = versioned(json, version, spec.unversioned);
      if ('problem' in read) return { ok: false, problem: read.problem };
      json = read.body;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, problem: { kind: 'shape', detail: describeIssue(parsed.error.issues[0], json) } };
  }

  const describe = (problem: FormatProblem) => describeProblem(name, problem) + (spec.remedy && problem.kind !== 'newer' ? `; ${spec.remedy}` : '');

  const format: JsonFormat<z.output<S>> = {
    name,
    version,
    decode,
    encode(value) {
      const body = version === undefined ? value : { version, ...(value as object) };
      return `${spec.compact ? JSON.stringify(body) : JSON.stringify(body, null, 2)}\n`;
    },
    parse(text, where) {
      const decoded = decode(text);
      if (decoded.ok) return decoded.value;
      throw new FerryError(`${where} ${describe(decoded.problem)}`);
    },
    async read(store, key) {
      const text = await store.readText(key);
      return text === undefined ? undefined : format.parse(text, whereIs(store, key));
    },
    async write(store, key, value) {
      const current = await store.readText(key);
      if (current !== undefined) {
        const decoded = decode(current);
        if (!decoded.ok) throw new FerryError(`${whereIs(store, key)} ${describe(decoded.problem)}; it was left as it is, not overwritten`);
      }
      return store.write(key, format.encode(value), { contentType: 'application/json' });
    },
  };
  return format;
}

/** "is not valid JSON", "is not a ferry manifest: version is missing", "is a ferry manifest of version 2, newer …". */
export function describeProblem(name: string, problem: FormatProblem): string {
  if (problem.kind === 'json') return 'is not valid JSON';
  if (problem.kind === 'newer') return `is a ${name} of version ${problem.version}, newer than this ferry reads (${problem.reads}): upgrade ferry`;
  return `is not a ${name}: ${problem.detail}`;
}

/** A key as messages show it: the store's location, then the key. */
export function whereIs(store: Store, key: string): string {
  return `${store.url.replace(/\/+$/, '')}/${key}`;
}

/** The field (periods.2019-08-22.files[0].etag) and what is wrong with it, from the first issue zod found. */
function describeIssue(issue: z.core.$ZodIssue | undefined, json: unknown): string {
  if (!issue) return 'it does not match';
  const field = issue.path.reduce<string>(
    (path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : path ? `${path}.${String(segment)}` : String(segment)),
    '',
  );
  const subject = field || 'the file';
  const value = valueAt(json, issue.path);
  if (issue.code === 'invalid_type' && value === undefined) return `${subject} is missing`;
  if (issue.code === 'invalid_type') return `${subject} is ${kindOf(value)}, expected ${issue.expected}`;
  if (issue.code === 'invalid_value')
    return `${subject} is ${JSON.stringify(value)}, expected ${issue.values.map((allowed) => JSON.stringify(allowed)).join(' or ')}`;
  if (issue.code === 'unrecognized_keys') return `${subject} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return `${subject}: ${issue.message}`;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'a string' : typeof value} (${JSON.stringify(value)})`;
}

/** The body of a versioned file (without its version field), or why it cannot be read. */
function versioned(json: unknown, version: number, unversioned?: (json: unknown) => unknown): { body: unknown } | { problem: FormatProblem } {
  if (!isObject(json)) return { body: json };
  const { version: found, ...body } = json;
  if (found === undefined) return { body: unversioned ? unversioned(json) : body };
  if (found === version) return { body };
  if (typeof found === 'number' && Number.isInteger(found) && found > version) return { problem: { kind: 'newer', version: found, reads: version } };
  return { problem: { kind: 'shape', detail: `version is ${JSON.stringify(found)}, expected ${version}` } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
