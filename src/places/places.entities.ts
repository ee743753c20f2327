import { Place } from './place.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const PLACES_ENTITIES = [Place];
