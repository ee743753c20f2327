import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { ConfigError } from './config-validation.js';

/** Settings that differ per deployment: ports, secrets, paths. Read from the environment once at start. */
export interface AppConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  /** The schema owner for migrations when the app itself connects with a restricted role. */
  migrationDatabaseUrl?: string;
  embedded: {
    dataDir: string;
    /** false when PG_DATA_DIR names the directory: then it is used as given or start-up is refused. */
    dataDirIsDefault: boolean;
    port: number;
    user: string;
    /** PG_PASSWORD; unset: generated with the cluster and kept in its data directory (embedded-credentials.ts). */
    password?: string;
    /** Where the embedded runtime (and, if need be, its data) goes when the `postgres` user cannot enter the project. */
    runtimeDir: string;
  };
  dbPoolSize: number;
  /** Named prepared statements for the intake's statements (src/database/plan-cache.ts); off behind a transaction-mode pooler. */
  dbPlanCache: boolean;
  /** Empty until start-up fills it when it comes from the database (`jwtSecretSource: 'database'`). */
  jwtSecret: string;
  /** JWT_SECRET; a file under DATA_DIR (the embedded server); or app_secret, shared by every instance on DATABASE_URL. */
  jwtSecretSource: 'environment' | 'file' | 'database';
  jwtTtlSeconds: number;
  policyFile: string;
  admin: { username: string; password?: string };
  logLevel: string;
  schedulerEnabled: boolean;
  bodyLimitBytes: number;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs, or loopback / linklocal /
   * uniquelocal). Empty: the client address is the peer's, whatever the headers say.
   */
  trustProxy: string[];
  /** Where attachment bytes are kept (ATTACHMENT_STORE): PostgreSQL by default, or an S3-compatible bucket. */
  attachmentStore: AttachmentStoreConfig;
}

export type AttachmentStoreConfig =
  | { kind: 'database' }
  | { kind: 's3'; bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; accessKeyId?: string; secretAccessKey?: string };

/**
 * ATTACHMENT_STORE=s3 needs S3_BUCKET; S3_ENDPOINT for an S3-compatible service (MinIO, OSS, COS), path-style
 * addressing unless S3_FORCE_PATH_STYLE=false. Keys from S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, else the
 * SDK's own chain (instance role, AWS_* variables).
 */
function attachmentStore(env: NodeJS.ProcessEnv, problems: string[]): AttachmentStoreConfig {
  const kind = env.ATTACHMENT_STORE || 'database';
  if (kind === 'database') return { kind };
  if (kind !== 's3') {
    problems.push(`ATTACHMENT_STORE: must be database or s3, got "${kind}"`);
    return { kind: 'database' };
  }
  if (!env.S3_BUCKET) problems.push('S3_BUCKET: required with ATTACHMENT_STORE=s3');
  if (env.S3_ENDPOINT && !/^https?:\/\/[^\s/]+/.test(env.S3_ENDPOINT)) problems.push(`S3_ENDPOINT: must be an http(s) URL, got "${env.S3_ENDPOINT}"`);
  if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither');
  if (env.S3_FORCE_PATH_STYLE && !['true', 'false'].includes(env.S3_FORCE_PATH_STYLE)) {
    problems.push(`S3_FORCE_PATH_STYLE: must be true or false, got "${env.S3_FORCE_PATH_STYLE}"`);
  }
  return {
    kind,
    bucket: env.S3_BUCKET ?? '',
    region: env.S3_REGION || 'us-east-1',
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
  };
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, problems: string[], min = 0, max = 2 ** 31): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${key}: must be an integer between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  return n;
}

const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: a comma-separated list; each entry an IP address, a CIDR, or a named range. */
function trustProxy(raw: string | undefined, problems: string[]): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const width = family === 4 ? 32 : 128;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= width);
    if (!PROXY_RANGES.includes(entry) && (!family || !validBits || extra !== undefined)) {
      problems.push(
        `TRUST_PROXY: "${entry}" is not an IP address, a CIDR such as 10.0.0.0/8, or one of ${PROXY_RANGES.join(', ')} (trusting every peer would let any client forge its address)`,
      );
    }
  }
  return entries;
}

/**
 * JWT secret: from JWT_SECRET, else (embedded server) one generated on first start and kept beside the
 * embedded data. With DATABASE_URL it comes from the database instead (shared-secret.ts), so instances agree.
 */
function jwtSecret(env: NodeJS.ProcessEnv, dataRoot: string, problems: string[]): string {
  const fromEnv = env.JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) problems.push('JWT_SECRET: must be at least 32 characters');
    return fromEnv;
  }
  const file = path.join(dataRoot, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataRoot, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const dataRoot = path.resolve(cwd, env.DATA_DIR || '.data');
  const config: AppConfig = {
    // Loopback unless told otherwise: a quick start on a laptop is not reachable from the network.
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, problems, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    embedded: {
      dataDir: path.resolve(cwd, env.PG_DATA_DIR || path.join(dataRoot, 'pg')),
      dataDirIsDefault: !env.PG_DATA_DIR,
      port: int(env, 'PG_PORT', 54329, problems, 1024, 65535),
      user: 'postgres',
      password: env.PG_PASSWORD || undefined,
      runtimeDir: path.resolve(cwd, env.PG_RUNTIME_DIR || '/var/lib/complaint-desk'),
    },
    dbPoolSize: int(env, 'DB_POOL_SIZE', 8, problems, 1, 500),
    dbPlanCache: (env.DATABASE_PLAN_CACHE || 'on') === 'on',
    jwtSecret: '',
    jwtSecretSource: env.JWT_SECRET ? 'environment' : env.DATABASE_URL ? 'database' : 'file',
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 8 * 3600, problems, 60, 30 * 24 * 3600),
    policyFile: path.resolve(cwd, env.POLICY_FILE ?? 'config/policy.yaml'),
    admin: { username: env.ADMIN_USERNAME ?? 'admin', password: env.ADMIN_PASSWORD || undefined },
    logLevel: env.LOG_LEVEL ?? 'info',
    schedulerEnabled: (env.SCHEDULER || 'on') === 'on',
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 256 * 1024, problems, 1024, 50 * 1024 * 1024),
    trustProxy: trustProxy(env.TRUST_PROXY, problems),
    attachmentStore: attachmentStore(env, problems),
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  if (!['on', 'off'].includes(env.SCHEDULER || 'on')) problems.push(`SCHEDULER: must be on or off, got "${env.SCHEDULER}"`);
  if (!['on', 'off'].includes(env.DATABASE_PLAN_CACHE || 'on')) {
    problems.push(`DATABASE_PLAN_CACHE: must be on or off, got "${env.DATABASE_PLAN_CACHE}"`);
  }
  if (problems.length === 0 && config.jwtSecretSource !== 'database') config.jwtSecret = jwtSecret(env, dataRoot, problems);
  if (problems.length) throw new ConfigError('environment', problems);
  return config;
}
