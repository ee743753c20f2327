import { FollowUp } from './follow-up.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const FOLLOW_UPS_ENTITIES = [FollowUp];
