import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAppConfig } from './app-config.js';
import { ConfigError } from './config-validation.js';

const SECRET = 'x'.repeat(32);

/** The ConfigError `loadAppConfig` throws for this environment. */
function refusal(env: NodeJS.ProcessEnv, cwd: string): ConfigError {
  try {
    loadAppConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('environment settings (loadAppConfig)', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'app-config-'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('has defaults that run on a fresh machine: port 3000, embedded PostgreSQL under .data/, config/policy.yaml', () => {
    const config = loadAppConfig({ JWT_SECRET: SECRET }, cwd);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      embedded: {
        dataDir: path.join(cwd, '.data', 'pg'),
        dataDirIsDefault: true,
        port: 54329,
        user: 'postgres',
        password: undefined,
        runtimeDir: '/var/lib/complaint-desk',
      },
      dbPoolSize: 8,
      dbPlanCache: true,
      jwtSecret: SECRET,
      jwtTtlSeconds: 8 * 3600,
      policyFile: path.join(cwd, 'config', 'policy.yaml'),
      admin: { username: 'admin', password: undefined },
      logLevel: 'info',
      schedulerEnabled: true,
      bodyLimitBytes: 256 * 1024,
      trustProxy: [],
      attachmentStore: { kind: 'database' },
    });
  });

  it('takes every setting from the environment', () => {
    const config = loadAppConfig(
      {
        HOST: '0.0.0.0',
        PORT: '3210',
        DATABASE_URL: 'postgres://u:p@db:5432/desk',
        PG_PORT: '55401',
        PG_DATA_DIR: 'var/pg',
        PG_PASSWORD: 'pg-secret',
        PG_RUNTIME_DIR: '/opt/desk-runtime',
        DB_POOL_SIZE: '5',
        DATABASE_PLAN_CACHE: 'off',
        JWT_SECRET: SECRET,
        JWT_TTL_SECONDS: '600',
        POLICY_FILE: 'custom/policy.yaml',
        ADMIN_USERNAME: 'root',
        ADMIN_PASSWORD: 'root-password',
        LOG_LEVEL: 'debug',
        SCHEDULER: 'off',
        BODY_LIMIT_BYTES: '2048',
      },
      cwd,
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 3210,
      databaseUrl: 'postgres://u:p@db:5432/desk',
      embedded: { dataDir: path.join(cwd, 'var', 'pg'), dataDirIsDefault: false, port: 55401, password: 'pg-secret', runtimeDir: '/opt/desk-runtime' },
      jwtSecretSource: 'environment',
      dbPoolSize: 5,
      dbPlanCache: false,
      jwtTtlSeconds: 600,
      policyFile: path.join(cwd, 'custom', 'policy.yaml'),
      admin: { username: 'root', password: 'root-password' },
      logLevel: 'debug',
      schedulerEnabled: false,
      bodyLimitBytes: 2048,
    });
  });

  it('keeps attachments in an S3-compatible bucket with ATTACHMENT_STORE=s3, path-style unless told otherwise', () => {
    const config = loadAppConfig(
      {
        JWT_SECRET: SECRET,
        ATTACHMENT_STORE: 's3',
        S3_BUCKET: 'desk-files',
        S3_ENDPOINT: 'http://minio:9000',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      },
      cwd,
    );
    expect(config.attachmentStore).toEqual({
      kind: 's3',
      bucket: 'desk-files',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
  });

  it('refuses an S3 store without a bucket, with half a key, or an unknown store, naming the variable', () => {
    expect(refusal({ JWT_SECRET: SECRET, ATTACHMENT_STORE: 's3', S3_ACCESS_KEY_ID: 'k' }, cwd).problems).toEqual([
      'S3_BUCKET: required with ATTACHMENT_STORE=s3',
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither',
    ]);
    expect(refusal({ JWT_SECRET: SECRET, ATTACHMENT_STORE: 'ftp' }, cwd).problems).toEqual(['ATTACHMENT_STORE: must be database or s3, got "ftp"']);
  });

  it('keeps an absolute POLICY_FILE as given and puts the embedded data under DATA_DIR', () => {
    const config = loadAppConfig({ JWT_SECRET: SECRET, POLICY_FILE: '/etc/desk/policy.yaml', DATA_DIR: 'state' }, cwd);
    expect(config.policyFile).toBe('/etc/desk/policy.yaml');
    expect(config.embedded.dataDir).toBe(path.join(cwd, 'state', 'pg'));
  });

  it('treats an empty DATABASE_URL as unset (the embedded server is used)', () => {
    expect(loadAppConfig({ JWT_SECRET: SECRET, DATABASE_URL: '' }, cwd).databaseUrl).toBeUndefined();
  });

  it.each(['abc', '70000', '-1', '3000.5'])('refuses PORT=%s, naming PORT', (value) => {
    const error = refusal({ JWT_SECRET: SECRET, PORT: value }, cwd);
    expect(error.problems).toEqual([`PORT: must be an integer between 0 and 65535, got "${value}"`]);
    expect(error.message).toMatch(/^environment is invalid:\n {2}- PORT: /);
  });

  it.each<[string, string]>([
    ['PG_PORT', '80'],
    ['DB_POOL_SIZE', '0'],
    ['JWT_TTL_SECONDS', '5'],
    ['BODY_LIMIT_BYTES', 'lots'],
  ])('refuses %s=%s, naming the key', (key, value) => {
    expect(refusal({ JWT_SECRET: SECRET, [key]: value }, cwd).problems).toEqual([expect.stringMatching(new RegExp(`^${key}: must be an integer`))]);
  });

  it('refuses an unknown LOG_LEVEL and a JWT_SECRET shorter than 32 characters, naming each', () => {
    expect(refusal({ JWT_SECRET: SECRET, LOG_LEVEL: 'loud' }, cwd).problems).toEqual([expect.stringMatching(/^LOG_LEVEL: must be one of/)]);
    expect(refusal({ JWT_SECRET: 'short' }, cwd).problems).toEqual(['JWT_SECRET: must be at least 32 characters']);
  });

  it('refuses a SCHEDULER value other than on or off, naming SCHEDULER (so "false" cannot mean on)', () => {
    expect(refusal({ JWT_SECRET: SECRET, SCHEDULER: 'false' }, cwd).problems).toEqual(['SCHEDULER: must be on or off, got "false"']);
    expect(loadAppConfig({ JWT_SECRET: SECRET, SCHEDULER: 'on' }, cwd).schedulerEnabled).toBe(true);
    expect(refusal({ JWT_SECRET: SECRET, DATABASE_PLAN_CACHE: 'no' }, cwd).problems).toEqual(['DATABASE_PLAN_CACHE: must be on or off, got "no"']);
  });

  it('trusts the proxies TRUST_PROXY names (addresses, CIDRs, named ranges) and none by default', () => {
    expect(loadAppConfig({ JWT_SECRET: SECRET }, cwd).trustProxy).toEqual([]);
    expect(loadAppConfig({ JWT_SECRET: SECRET, TRUST_PROXY: '' }, cwd).trustProxy).toEqual([]);
    expect(loadAppConfig({ JWT_SECRET: SECRET, TRUST_PROXY: '10.0.0.7, 172.16.0.0/12,fd00::/8 ,loopback' }, cwd).trustProxy).toEqual([
      '10.0.0.7',
      '172.16.0.0/12',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['true', '*', '10.0.0.0/33', '10.0.0', 'proxy.internal', '::1/129', '10.0.0.0/8/8'])('refuses TRUST_PROXY=%s, naming TRUST_PROXY', (value) => {
    expect(refusal({ JWT_SECRET: SECRET, TRUST_PROXY: value }, cwd).problems).toEqual([
      expect.stringMatching(/^TRUST_PROXY: ".+" is not an IP address, a CIDR/),
    ]);
  });

  it('reports every bad key at once', () => {
    const error = refusal({ JWT_SECRET: SECRET, PORT: 'x', PG_PORT: 'y', LOG_LEVEL: 'z' }, cwd);
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'PG_PORT', 'LOG_LEVEL']);
  });

  it('without JWT_SECRET, generates one on first start, keeps it private under DATA_DIR and reuses it', () => {
    const first = loadAppConfig({ DATA_DIR: 'secret-home' }, cwd);
    const file = path.join(cwd, 'secret-home', 'jwt-secret');
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8')).toBe(first.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadAppConfig({ DATA_DIR: 'secret-home' }, cwd).jwtSecret).toBe(first.jwtSecret);
  });

  it('with DATABASE_URL and no JWT_SECRET, writes no file: the key is shared through the database', () => {
    const config = loadAppConfig({ DATA_DIR: 'shared-home', DATABASE_URL: 'postgres://u:p@db:5432/desk' }, cwd);
    expect(config).toMatchObject({ jwtSecret: '', jwtSecretSource: 'database' });
    expect(existsSync(path.join(cwd, 'shared-home', 'jwt-secret'))).toBe(false);
  });
});
