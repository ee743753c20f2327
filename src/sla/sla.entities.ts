import { SlaClock } from './sla-clock.entity.js';
import { SlaBreach, SlaBreachMet, SlaEscalation } from './sla-breach.entity.js';
import { SlaBoardCount } from './sla-board-count.entity.js';
import { SlaSweepFigures } from './sla-sweep-figures.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const SLA_ENTITIES = [SlaClock, SlaBreach, SlaBreachMet, SlaEscalation, SlaBoardCount, SlaSweepFigures];
