import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/** What a fresh migration:generate would emit against `url`: empty when entities and migrations agree. */
export async function pendingSchemaChanges(url: string, entities: DataSourceOptions['entities']): Promise<{ up: string[]; down: string[] }> {
  const ds = await new DataSource(dataSourceOptions(url, 2, entities)).initialize();
  try {
    const log = await ds.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.reverse().map((q) => q.query) };
  } finally {
    await ds.destroy();
  }
}
