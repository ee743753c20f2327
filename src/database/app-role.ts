import { APPEND_ONLY_TABLES } from './append-only.js';

export { APPEND_ONLY_TABLES } from './append-only.js';

/** A role name as a quoted SQL identifier. */
export function quoteIdent(name: string): string {
  if (!name || name.length > 63 || name.includes('\0')) throw new Error(`not a valid role name: ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The grants for the role the app serves as, run by the schema owner after migrations (the default start
 * does it at every start; on a shared server MIGRATION_DATABASE_URL names the owner). The app role owns
 * nothing, so it can neither disable nor drop the append-only triggers, and it holds no UPDATE, DELETE
 * or TRUNCATE on the evidence tables. The default privileges give tables of later migrations the same
 * reading and writing rights; the revocations are re-applied after every migration run.
 */
export function appRoleGrants(role: string, appendOnly: readonly string[] = APPEND_ONLY_TABLES): string[] {
  const who = quoteIdent(role);
  const tables = appendOnly.map((t) => `"${t}"`).join(', ');
  return [
    `GRANT USAGE ON SCHEMA public TO ${who}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${who}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${who}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${who}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${who}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${tables} FROM ${who}`,
    `REVOKE ALL ON "schema_migration" FROM ${who}`,
    `GRANT SELECT ON "schema_migration" TO ${who}`,
  ];
}
