import { SupervisionFeedback, SupervisionOrder } from './supervision-order.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const SUPERVISION_ENTITIES = [SupervisionOrder, SupervisionFeedback];
