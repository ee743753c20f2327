import type { PlacePolicy } from '../config/policy.js';

/** The route option that marks the CSV import, the one route that reads a `text/csv` body, with its own size limit. */
export const PLACES_IMPORT_ROUTE = 'placesImport';

export const placesImportBodyLimit = (policy: PlacePolicy): number => policy.importMaxBytes;
