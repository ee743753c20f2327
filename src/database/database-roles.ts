import pg from 'pg';
import { appRoleGrants, quoteIdent } from './app-role.js';
import { withDatabase } from './database-url.js';

export interface RoleLogin {
  name: string;
  password: string;
}

export interface DatabaseRoles {
  database: string;
  /** Owns the database, its schema and every object in it; migrations run as this role. */
  owner: RoleLogin;
  /** What the app serves as: owns nothing, may not change evidence. */
  app: RoleLogin;
}

// Serialises provisioning (roles are cluster-wide) and the grants (concurrent GRANTs on one table fail).
const PROVISION_LOCK = 727003;
const GRANTS_LOCK = 727004;

/** Neither may do more than its job: no superuser, no creating databases or roles, no bypassing row security. */
const PLAIN_LOGIN = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'complaint-desk-setup' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureRole(client: pg.Client, role: RoleLogin): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
  if (!rowCount) await client.query(`CREATE ROLE ${quoteIdent(role.name)} ${PLAIN_LOGIN}`);
  // Every time: the attributes and the password stay what this start expects, whatever happened since.
  await client.query(`ALTER ROLE ${quoteIdent(role.name)} WITH ${PLAIN_LOGIN} PASSWORD ${client.escapeLiteral(role.password)}`);
}

/**
 * Makes `roles.database` ready for the owner to migrate and the app role to serve, connected as a
 * superuser (`superuserUrl`, any database of the cluster). Idempotent, and also the upgrade of a database
 * an earlier version made as `postgres`: the roles are created, the database and every object in its
 * public schema handed to the owner. Returns the two roles' URLs.
 */
export async function provisionDatabase(superuserUrl: string, roles: DatabaseRoles): Promise<{ ownerUrl: string; appUrl: string }> {
  const owner = quoteIdent(roles.owner.name);
  const database = quoteIdent(roles.database);
  await withClient(withDatabase(superuserUrl, 'postgres'), async (c) => {
    await c.query('SELECT pg_advisory_lock($1)', [PROVISION_LOCK]);
    try {
      await ensureRole(c, roles.owner);
      await ensureRole(c, roles.app);
      const { rows } = await c.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [roles.database]);
      if (!rows.length) await c.query(`CREATE DATABASE ${database} OWNER ${owner}`);
      else if (rows[0].owner !== roles.owner.name) await c.query(`ALTER DATABASE ${database} OWNER TO ${owner}`);
      await c.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
      await c.query(`GRANT CONNECT ON DATABASE ${database} TO ${quoteIdent(roles.app.name)}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [PROVISION_LOCK]);
    }
  });
  await withClient(withDatabase(superuserUrl, roles.database), async (c) => {
    await c.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    await c.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    for (const sql of await ownershipHandover(c, roles.owner.name)) await c.query(sql);
  });
  const as = (role: RoleLogin) => {
    const url = new URL(withDatabase(superuserUrl, roles.database));
    url.username = encodeURIComponent(role.name);
    url.password = encodeURIComponent(role.password);
    return url.toString();
  };
  return { ownerUrl: as(roles.owner), appUrl: as(roles.app) };
}

/**
 * ALTER … OWNER statements for whatever in the public schema the owner does not own yet (tables first:
 * their column sequences, indexes and triggers follow them). Extension members are left to their extension.
 */
async function ownershipHandover(c: pg.Client, owner: string): Promise<string[]> {
  const { rows } = await c.query<{ sql: string }>(
    `WITH mine AS (SELECT oid FROM pg_roles WHERE rolname = $1),
          loose AS (SELECT objid FROM pg_depend WHERE deptype = 'e')
     SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass, $1) AS sql,
            CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 0 ELSE 1 END AS ord
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND c.relowner NOT IN (SELECT oid FROM mine) AND c.oid NOT IN (SELECT objid FROM loose)
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1), 2
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proowner NOT IN (SELECT oid FROM mine) AND p.oid NOT IN (SELECT objid FROM loose)
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $1), 3
       FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm')
        AND t.typowner NOT IN (SELECT oid FROM mine) AND t.oid NOT IN (SELECT objid FROM loose)
     ORDER BY 2`,
    [owner],
  );
  return rows.map((r) => r.sql);
}

/** The app role's grants (app-role.ts), applied by the owner in one transaction, after every migration run. */
export async function applyAppGrants(ownerUrl: string, appRole: string): Promise<void> {
  await withClient(ownerUrl, async (c) => {
    await c.query('BEGIN');
    try {
      await c.query('SELECT pg_advisory_xact_lock($1)', [GRANTS_LOCK]);
      for (const sql of appRoleGrants(appRole)) await c.query(sql);
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK');
      throw error;
    }
  });
}
