import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config.js';
import { runMigrations } from '../database/data-source.js';
import { APP_ENTITIES, appDataSourceOptions } from '../app.entities.js';
import { pendingSchemaChanges } from '../database/schema-drift.js';
import { grantAfterMigrating, openCliDatabase } from './cli-database.js';

/** npm run migration:run | migration:revert | migration:generate -- Name */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadAppConfig();
  const db = await openCliDatabase(config);
  try {
    if (command === 'run') {
      const applied = await runMigrations(db.migrationUrl);
      await grantAfterMigrating(config, db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
    } else if (command === 'revert') {
      const ds = await new DataSource(appDataSourceOptions(db.migrationUrl, 2)).initialize();
      await ds.undoLastMigration();
      await ds.destroy();
      console.log('reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate -- PascalCaseName');
      await runMigrations(db.migrationUrl);
      const { up, down } = await pendingSchemaChanges(db.migrationUrl, APP_ENTITIES);
      if (!up.length) {
        console.log('entities and migrations agree: nothing to generate');
        return;
      }
      const stamp = Math.floor(performance.timeOrigin + performance.now());
      const className = `${name}${stamp}`;
      const q = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
      const file = path.resolve('migrations', `${stamp}-${name}.ts`);
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up.map(q).join('\n')}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down.map(q).join('\n')}\n  }\n}\n`,
      );
      console.log(`wrote ${file}; review it and add ${className} to migrations/index.ts`);
    } else {
      throw new Error('usage: migrate.js run | revert | generate Name');
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
