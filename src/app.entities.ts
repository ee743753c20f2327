import type { DataSourceOptions } from 'typeorm';
import { ATTACHMENTS_ENTITIES } from './attachments/attachments.entities.js';
import { AUTH_ENTITIES } from './auth/auth.entities.js';
import { CHANNELS_ENTITIES } from './channels/channels.entities.js';
import { CHECKLIST_ENTITIES } from './checklist/checklist.entities.js';
import { CONFIG_ENTITIES } from './config/config.entities.js';
import { dataSourceOptions } from './database/data-source.js';
import { EVENTS_ENTITIES } from './events/events.entities.js';
import { FOLLOW_UPS_ENTITIES } from './follow-ups/follow-ups.entities.js';
import { IDEMPOTENCY_ENTITIES } from './idempotency/idempotency.entities.js';
import { JOINT_ENTITIES } from './joint/joint.entities.js';
import { DISPATCH_ENTITIES } from './dispatch/dispatch.entities.js';
import { LEADER_REPORTS_ENTITIES } from './leader-reports/leader-reports.entities.js';
import { EXTENSIONS_ENTITIES } from './extensions/extensions.entities.js';
import { SUPERVISION_ENTITIES } from './supervision/supervision.entities.js';
import { LIVE_ENTITIES } from './live/live.entities.js';
import { NOTIFICATIONS_ENTITIES } from './notifications/notifications.entities.js';
import { ORG_ENTITIES } from './org/org.entities.js';
import { PROBLEMS_ENTITIES } from './problems/problems.entities.js';
import { PLACES_ENTITIES } from './places/places.entities.js';
import { RESIDENTS_ENTITIES } from './residents/residents.entities.js';
import { SCORING_ENTITIES } from './scoring/scoring.entities.js';
import { SLA_ENTITIES } from './sla/sla.entities.js';
import { TICKETS_ENTITIES } from './tickets/tickets.entities.js';

/**
 * Every module's tables, composed for what runs outside the Nest container (the migration CLI, the demo seed, the
 * report command, schema drift checks). Inside the app each module registers its own list with
 * `TypeOrmModule.forFeature`, and the schema test checks that the app ends up with exactly this set.
 */
export const APP_ENTITIES = [
  ...CONFIG_ENTITIES,
  ...EVENTS_ENTITIES,
  ...IDEMPOTENCY_ENTITIES,
  ...ORG_ENTITIES,
  ...AUTH_ENTITIES,
  ...LIVE_ENTITIES,
  ...TICKETS_ENTITIES,
  ...SLA_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...CHECKLIST_ENTITIES,
  ...FOLLOW_UPS_ENTITIES,
  ...PROBLEMS_ENTITIES,
  ...SCORING_ENTITIES,
  ...LEADER_REPORTS_ENTITIES,
  ...EXTENSIONS_ENTITIES,
  ...SUPERVISION_ENTITIES,
  ...ATTACHMENTS_ENTITIES,
  ...JOINT_ENTITIES,
  ...CHANNELS_ENTITIES,
  ...DISPATCH_ENTITIES,
  ...PLACES_ENTITIES,
  ...RESIDENTS_ENTITIES,
];

/** Connection options with every module's entities, for a DataSource built outside the app. */
export function appDataSourceOptions(url: string, poolSize = 2): DataSourceOptions {
  return dataSourceOptions(url, poolSize, APP_ENTITIES);
}
