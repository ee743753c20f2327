import pg from 'pg';
import { APPEND_ONLY_TABLES } from './append-only.js';

/** A way the role the app connects as could alter evidence, with what to do about it. */
export interface RoleRisk {
  risk: 'superuser' | 'owner' | 'writable';
  role: string;
  tables?: string[];
  message: string;
}

const FIX =
  'serve as a restricted role and migrate as the owner: set DATABASE_URL to the restricted role and MIGRATION_DATABASE_URL to the owner (README, "Database roles"; node dist/src/cli/app-role.js prints the grants)';

/**
 * What the role of `url` could do to the evidence tables: a superuser can switch their guards off
 * (`SET session_replication_role = replica`) and rewrite them; their owner (or a member of its role) can
 * disable or drop the triggers; a role holding UPDATE, DELETE or TRUNCATE on one is a grant away from it.
 */
export async function auditAppRole(url: string): Promise<RoleRisk[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'complaint-desk-setup' });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; superuser: boolean; owned: string[] | null; writable: string[] | null }>(
      `SELECT current_user AS role, r.rolsuper AS superuser,
              (SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1) AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned,
              (SELECT array_agg(t ORDER BY t) FROM unnest($1::text[]) t
                WHERE to_regclass(format('public.%I', t)) IS NOT NULL
                  AND (has_table_privilege(format('public.%I', t), 'UPDATE') OR has_table_privilege(format('public.%I', t), 'DELETE') OR has_table_privilege(format('public.%I', t), 'TRUNCATE'))) AS writable
         FROM pg_roles r WHERE r.rolname = current_user`,
      [[...APPEND_ONLY_TABLES]],
    );
    const { role, superuser, owned, writable } = rows[0];
    if (superuser) {
      return [
        {
          risk: 'superuser',
          role,
          message: `the app connects to PostgreSQL as ${role}, a superuser: it can switch off the append-only guard (SET session_replication_role = replica) and rewrite ticket history, breaches and the penalty ledger; ${FIX}`,
        },
      ];
    }
    if (owned?.length) {
      return [
        {
          risk: 'owner',
          role,
          tables: owned,
          message: `the app connects to PostgreSQL as ${role}, the owner of the evidence tables: it can disable or drop their append-only triggers and then rewrite them; ${FIX}`,
        },
      ];
    }
    if (writable?.length) {
      return [
        {
          risk: 'writable',
          role,
          tables: writable,
          message: `the app's role ${role} holds UPDATE, DELETE or TRUNCATE on evidence tables (only the triggers stop it): re-apply the grants of node dist/src/cli/app-role.js as the owner`,
        },
      ];
    }
    return [];
  } finally {
    await client.end();
  }
}

/** The user name in a connection URL. */
export function urlUser(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
