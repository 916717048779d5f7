import { readFileSync } from 'node:fs';

export const REDACTED = '[REDACTED]';

/** Environment variable names whose values are secrets. */
const SECRET_ENV_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|ACCESS_KEY|API_KEY)/i;
/** Shorter values would blank out ordinary text. */
const MIN_SECRET_LENGTH = 4;
/** A `SOMETHING_TOKEN_ENABLED=false` must not turn every `false` in run.json into [REDACTED]. */
const NOT_SECRETS = new Set(['true', 'false', 'null', 'undefined']);

/** Secret shapes recognised wherever they appear, whatever their value. */
const PATTERNS: [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g, REDACTED],
  [/("private_key"\s*:\s*")(?:[^"\\]|\\.)*(")/g, `$1${REDACTED}$2`],
  [/(Authorization"?\s*[:=]\s*"?(?:Bearer|Token|Basic|OAuth|Api-Key)\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  [/(\bBearer\s+)[A-Za-z0-9\-._~+/]+=*/g, `$1${REDACTED}`],
  [/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"'<>]+/gi, `$1${REDACTED}`],
];

/**
 * Returns a function that replaces every secret in a text with [REDACTED]: values of secret-looking environment
 * variables, the private key of YC_SERVICE_ACCOUNT_KEY_FILE, the explicit `secrets`, and known secret shapes
 * (Authorization headers, signed URL parameters, PEM private keys, "private_key" JSON fields).
 */
export function createRedactor(options: { secrets?: string[]; env?: NodeJS.ProcessEnv } = {}): (text: string) => string {
  const env = options.env ?? process.env;
  const values = new Set<string>();
  const add = (value: string | undefined) => {
    if (value === undefined || value.length < MIN_SECRET_LENGTH || NOT_SECRETS.has(value.toLowerCase())) return;
    // The same secret also shows up JSON-escaped (artifacts, log lines) or URL-encoded (query strings).
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) values.add(form);
  };
  for (const [name, value] of Object.entries(env)) if (SECRET_ENV_NAME.test(name)) add(value);
  add(serviceAccountPrivateKey(env.YC_SERVICE_ACCOUNT_KEY_FILE));
  for (const secret of options.secrets ?? []) add(secret);

  // Longest first, so a secret containing another is replaced whole.
  const literal = values.size
    ? new RegExp(
        [...values]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      )
    : undefined;
  return (text) => {
    let result = literal ? text.replace(literal, REDACTED) : text;
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result;
  };
}

/** Redacts every string inside a JSON-like value (log fields, records) without changing its shape. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (value instanceof Error) return redact(value.message) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)])) as T;
  }
  return value;
}

function serviceAccountPrivateKey(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    const key = JSON.parse(readFileSync(path, 'utf8')) as { private_key?: unknown };
    return typeof key.private_key === 'string' ? key.private_key : undefined;
  } catch {
    // A missing or unreadable key file is someone else's error to report; there is nothing to redact.
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
