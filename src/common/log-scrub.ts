/**
 * What may reach a log line. Logs are read by operators and shipped to other systems, so they hold no
 * resident's phone, no credential and no SQL parameter (DESIGN: who may see what; 个人信息保护法). Everything
 * written goes through here: message strings, nested field values, errors and request URLs.
 */

import { maskPhoneNumbers } from './phone-mask.js';

const REDACTED = '[redacted]';

/** Field names whose values are never logged, at any depth (compared lower-case, without `_` and `-`). */
const SECRET_KEYS = new Set([
  'password',
  'passwordhash',
  'newpassword',
  'oldpassword',
  'secret',
  'jwtsecret',
  'apikey',
  'token',
  'accesstoken',
  'refreshtoken',
  'streamtoken',
  'idtoken',
  'authorization',
  'cookie',
  'setcookie',
  'parameters',
  'phone',
  'complainant',
  'complainantname',
  'complainantphone',
]);
const keyOf = (key: string) => key.toLowerCase().replace(/[_-]/g, '');
export const isSecretKey = (key: string): boolean => SECRET_KEYS.has(keyOf(key));

const JWT_LIKE = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g;
const BEARER = /\b(Bearer|Basic) [A-Za-z0-9._~+/-]{16,}=*/g;
const SCRYPT = /scrypt\$[^\s"',;)}\]]*/g;

const dropSecrets = (text: string) => text.replace(SCRYPT, REDACTED).replace(BEARER, `$1 ${REDACTED}`).replace(JWT_LIKE, REDACTED);

/** Masks phones (138****5678, 0371-****2345) and removes tokens and password hashes from free text. */
export function scrubText(text: string): string {
  return maskPhoneNumbers(text, dropSecrets);
}

const MAX_DEPTH = 8;

/** A copy of `value` fit for a log line: secret fields removed, strings scrubbed, errors serialised. */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  // A phone number held as a number is still a phone number.
  if (typeof value === 'number') return Number.isInteger(value) && /^1[3-9]\d{9}$/.test(String(value)) ? scrubText(String(value)) : value;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value, depth, seen);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${(value as ArrayBufferView).byteLength} bytes]`;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => scrubValue(v, depth + 1, seen));
  if (value instanceof Map) return scrubValue(Object.fromEntries(value), depth + 1, seen);
  if (value instanceof Set) return scrubValue([...value], depth + 1, seen);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : scrubValue(v, depth + 1, seen);
  return out;
}

/**
 * PostgreSQL's `detail` quotes the values of the row it refused: `Key (username)=(wangfang) already exists.`,
 * `Failing row contains (…, 13900001111, …).` The columns and the reason stay; the values go.
 */
export function scrubDetail(detail: string): string {
  const key = /^(Key \(.*?\))=\(/.exec(detail);
  if (key) {
    const reason = /\)\s+((?:already exists|is not present in table|is still referenced from table|conflicts with existing key)[^]*)$/.exec(detail);
    return `${key[1]}=(${REDACTED})${reason ? ` ${scrubText(reason[1])}` : ''}`;
  }
  if (/^Failing row contains /.test(detail)) return `Failing row contains (${REDACTED}).`;
  return scrubText(detail);
}

/** `invalid input syntax for type integer: "…"` and the like name the value that was refused. */
const QUOTED_VALUE = /((?:invalid input (?:syntax|value)|malformed [\w ]+ literal|value)[^:"]*:\s*)".*"/g;
const scrubErrorMessage = (message: string) => scrubText(message.replace(QUOTED_VALUE, `$1"${REDACTED}"`));

/** Error fields worth an operator's time; everything else an error carries is left out. */
const ERROR_FIELDS = ['code', 'errno', 'syscall', 'severity', 'hint', 'table', 'column', 'constraint', 'routine', 'statusCode'] as const;

/**
 * The `err` of a log line: type, message, stack, the database's error code and what it refused, the
 * failed statement's text (placeholders only) and the cause chain. Never the statement's parameters,
 * TypeORM's `parameters` or the driver error's copy of the row.
 */
export function serializeError(error: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (!(error instanceof Error)) return scrubValue(error, depth, seen);
  if (seen.has(error)) return '[circular]';
  seen.add(error);
  const e = error as Error & Record<string, unknown>;
  const type = e.constructor?.name && e.constructor.name !== 'Object' ? e.constructor.name : e.name;
  const message = scrubErrorMessage(String(e.message ?? ''));
  const out: Record<string, unknown> = { type, message };
  if (typeof e.stack === 'string') {
    // The stack's first line repeats the raw message; the frames below it hold no data.
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${type}: ${message}`, ...frames.map(scrubText)].join('\n');
  }
  for (const field of ERROR_FIELDS) if (e[field] !== undefined && e[field] !== null) out[field] = scrubValue(e[field], depth + 1, seen);
  if (typeof e.detail === 'string') out.detail = scrubDetail(e.detail);
  if (typeof e.query === 'string') out.query = scrubText(e.query.length > 2000 ? `${e.query.slice(0, 2000)}…` : e.query);
  if (e.details !== undefined && depth < MAX_DEPTH) out.details = scrubValue(e.details, depth + 1, seen);
  if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(e.cause, depth + 1, seen);
  if (Array.isArray(e.errors) && depth < MAX_DEPTH) out.errors = e.errors.slice(0, 20).map((x) => serializeError(x, depth + 1, seen));
  return out;
}

/** Query parameters that carry credentials, or free text that may name or reach a resident. */
const SECRET_PARAMS = new Set(['token', 'accesstoken', 'password', 'secret', 'signature', 'key', 'apikey', 'code']);
const FREE_TEXT_PARAMS = new Set(['q', 'query', 'search', 'text', 'keyword', 'name', 'phone', 'address', 'summary', 'note']);
/** Values logged as they are: ids, months, dates, states, numbers, cursors. */
const PLAIN_VALUE = /^[\w.:,+-]{0,100}$/;

function safeParam(pair: string): string {
  const eq = pair.indexOf('=');
  const rawKey = eq < 0 ? pair : pair.slice(0, eq);
  let key: string;
  let value: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
  } catch {
    return REDACTED;
  }
  const safeKey = PLAIN_VALUE.test(key) ? scrubText(key) : REDACTED;
  if (eq < 0) return safeKey;
  const k = keyOf(key);
  if (SECRET_PARAMS.has(k) || FREE_TEXT_PARAMS.has(k) || isSecretKey(key) || !PLAIN_VALUE.test(value)) return `${safeKey}=${REDACTED}`;
  return `${safeKey}=${scrubText(value)}`;
}

/**
 * A request URL as logs may hold it: the path with phone-like segments masked, and each query value
 * kept only when it is a plain id, date, state or number. Tokens (`/events/stream?token=`), searches
 * (`/tickets?q=`) and any other text are `[redacted]`, names kept.
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const at = url.indexOf('?');
  const pathPart = at < 0 ? url : url.slice(0, at);
  let path: string;
  try {
    path = scrubText(decodeURIComponent(pathPart));
  } catch {
    path = scrubText(pathPart);
  }
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map(safeParam)
    .join('&');
  return query ? `${path}?${query}` : path;
}
