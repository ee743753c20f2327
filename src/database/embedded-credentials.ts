import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The roles of the default start: migrations run as the owner, the app serves as the app role. */
export const OWNER_ROLE = 'desk_owner';
export const APP_ROLE = 'desk_app';
/** The password earlier versions gave the embedded server's superuser (PG_PASSWORD's old default). */
export const LEGACY_SUPERUSER_PASSWORD = 'postgres';

/** Generated passwords of one embedded cluster, kept inside its data directory (mode 0600). */
export interface ClusterCredentials {
  /** Absent when PG_PASSWORD sets it (it is then never written down here). */
  superuser?: string;
  owner: string;
  app: string;
}

export const CREDENTIALS_FILE = 'desk-credentials.json';

export function credentialsPath(dataDir: string): string {
  return path.join(dataDir, CREDENTIALS_FILE);
}

export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

export function readCredentials(dataDir: string): Partial<ClusterCredentials> {
  const file = credentialsPath(dataDir);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Partial<ClusterCredentials>;
}

/** Written aside and renamed into place, readable by the app's user only. */
export function writeCredentials(dataDir: string, credentials: Partial<ClusterCredentials>): void {
  const file = credentialsPath(dataDir);
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  renameSync(partial, file);
}

/**
 * A connection URL for `user` on the embedded server: through its Unix socket when `socketDir` names the folder
 * it listens in (the driver and libpq read `?host=` as that folder), else over TCP on 127.0.0.1.
 */
export function embeddedUrl(port: number, user: string, password: string, database: string, socketDir?: string): string {
  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
}
