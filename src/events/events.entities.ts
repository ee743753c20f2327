import { StoredEvent, OutboxDelivery, ProcessedEvent } from './event-store.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const EVENTS_ENTITIES = [StoredEvent, OutboxDelivery, ProcessedEvent];
