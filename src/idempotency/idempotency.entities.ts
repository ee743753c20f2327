import { IdempotencyKey } from './idempotency-key.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const IDEMPOTENCY_ENTITIES = [IdempotencyKey];
