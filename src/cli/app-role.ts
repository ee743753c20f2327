import { appRoleGrants, quoteIdent } from '../database/app-role.js';

/**
 * Prints the SQL that sets up the app's own database role on a shared server:
 * `node dist/src/cli/app-role.js desk_app`. Run it as the schema owner after migrations; the app applies
 * the grants again after each migration run when MIGRATION_DATABASE_URL names the owner.
 */
const role = process.argv[2] ?? 'desk_app';
process.stdout.write(
  [
    `-- as a role that may create roles, once:`,
    `CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD 'change-me';`,
    `-- as the schema owner (the role of MIGRATION_DATABASE_URL), after migrations:`,
    ...appRoleGrants(role).map((s) => `${s};`),
  ].join('\n') + '\n',
);
