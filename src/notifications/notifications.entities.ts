import { FollowThroughDigest } from './follow-through-digest.entity.js';
import { Notification } from './notification.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const NOTIFICATIONS_ENTITIES = [Notification, FollowThroughDigest];
