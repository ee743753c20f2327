import { appRoleGrants } from '../database/app-role.js';

/** Prints the SQL that sets up the app's own database role: `node dist/src/cli/app-role.js desk_app`. */
const role = process.argv[2] ?? 'desk_app';
process.stdout.write(
  [`-- run as the schema owner, after migrations (and again after each new migration)`, `CREATE ROLE ${role} LOGIN PASSWORD 'change-me';`, ...appRoleGrants(role).map((s) => `${s};`)].join('\n') + '\n',
);
