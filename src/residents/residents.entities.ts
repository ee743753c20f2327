import { ResidentConsent } from './resident-consent.entity.js';
import { ResidentRating } from './resident-rating.entity.js';
import { ResidentThrottleRow } from './resident-throttle.entity.js';
import { TicketClaim } from './ticket-claim.entity.js';
import { TrackingLink } from './tracking-link.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const RESIDENTS_ENTITIES = [TrackingLink, ResidentConsent, ResidentRating, ResidentThrottleRow, TicketClaim];
