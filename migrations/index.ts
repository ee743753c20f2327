import { Foundation1795879872279 } from './1795879872279-Foundation.js';

/** Every migration, in order. `npm run migration:generate -- Name` writes a new file; add it here. */
export const MIGRATIONS: Function[] = [Foundation1795879872279];
