/** Tables whose rows are evidence: the app may add to them, never change or remove them. */
export const APPEND_ONLY_TABLES = ['ticket_history', 'domain_event', 'scoring_entry', 'report_performance_snapshot'];

/**
 * The grants for the role the app connects as on a shared server (DATABASE_URL), while migrations run as
 * the schema owner (MIGRATION_DATABASE_URL). The app role owns nothing, so it cannot disable or drop the
 * append-only triggers, and it holds no UPDATE, DELETE or TRUNCATE on the evidence tables.
 */
export function appRoleGrants(role: string, appendOnly: readonly string[] = APPEND_ONLY_TABLES): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error('role must be a lower-case SQL identifier');
  const tables = appendOnly.map((t) => `"${t}"`).join(', ');
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${tables} FROM ${role}`,
    `REVOKE ALL ON "schema_migration" FROM ${role}`,
    `GRANT SELECT ON "schema_migration" TO ${role}`,
  ];
}
