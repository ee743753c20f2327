import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { SystemClock } from '../clock/clock.js';
import { loadAppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config-validation.js';
import { loadPolicy } from '../config/policy.loader.js';
import { runMigrations } from '../database/data-source.js';
import { appDataSourceOptions } from '../app.entities.js';
import { grantAfterMigrating, openCliDatabase } from './cli-database.js';
import { DEFAULT_DEMO_PASSWORD, DEMO_DEPARTMENTS, DEMO_PLACES, seedDemoCompany, type DemoAccount } from './demo-company.js';

/** npm run seed:demo — the demo company, for trying the service out. Safe to run again. */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const policy = loadPolicy(config.policyFile);
  const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  if (password.length < policy.auth.minPasswordLength) {
    throw new ConfigError('environment', [`DEMO_PASSWORD: must be at least ${policy.auth.minPasswordLength} characters (auth.minPasswordLength)`]);
  }
  const db = await openCliDatabase(config);
  try {
    const applied = await runMigrations(db.migrationUrl);
    await grantAfterMigrating(config, db);
    if (applied.length) console.log(`applied migrations: ${applied.join(', ')}`);
    const ds = await new DataSource(appDataSourceOptions(db.url, 2)).initialize();
    try {
      const result = await seedDemoCompany(ds, { password, now: new SystemClock().now() });
      const created = result.accounts.filter((a) => a.created).length;
      console.log(
        created || result.departmentsCreated.length
          ? `demo company created: ${result.departmentsCreated.length} departments, ${created} accounts, ${result.supervisorsAppointed.length} supervisors appointed`
          : 'demo company already present: nothing changed',
      );
      const line = (a: DemoAccount) => `    ${a.username.padEnd(16)} ${a.name}  (${a.roles.join(', ')})${a.created ? '' : '  already there'}`;
      for (const d of DEMO_DEPARTMENTS) {
        console.log(`  ${d.name} ${d.code}`);
        for (const a of result.accounts.filter((x) => x.department === d.code)) console.log(line(a));
      }
      console.log('  company-wide');
      for (const a of result.accounts.filter((x) => x.department === null)) console.log(line(a));
      const kept = result.accounts.length - created;
      console.log(`\ndemo password: ${password}${kept ? ' (accounts already there keep the password they were given)' : ''}`);
      console.log(
        result.placesCreated
          ? `places registered: ${result.placesCreated} (${DEMO_PLACES.map((c) => c.name).join(', ')}), for the intake's place picker`
          : 'places: the demo communities are registered already',
      );
      console.log('sign in at POST /auth/login; the API documentation is at /docs');
      const missing = [...new Set(Object.values(policy.categories).map((c) => c.department))].filter((code) => !DEMO_DEPARTMENTS.some((d) => d.code === code));
      if (missing.length) console.log(`note: the policy routes categories to departments the demo does not create: ${missing.join(', ')}`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Refusing to seed: ${error.message}`);
    process.exit(78);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
