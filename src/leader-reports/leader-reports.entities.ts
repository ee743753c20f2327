import { LeaderReport } from './leader-report.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const LEADER_REPORTS_ENTITIES = [LeaderReport];
