import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const JWT_SECRET_NAME = 'jwt-signing-key';

/**
 * The secret named `name` that every instance on this database uses, created by the first that asks.
 * Race-safe: two instances starting together both insert with ON CONFLICT DO NOTHING, the primary key
 * lets one row in, and both then read that row.
 */
export async function sharedSecret(databaseUrl: string, name: string, now: Date): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'complaint-desk' });
  await client.connect();
  try {
    await client.query(`INSERT INTO app_secret (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [
      name,
      randomBytes(48).toString('base64url'),
      now,
    ]);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM app_secret WHERE name = $1`, [name]);
    return rows[0].value;
  } finally {
    await client.end();
  }
}
