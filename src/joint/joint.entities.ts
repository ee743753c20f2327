import { JointTask } from './joint-task.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const JOINT_ENTITIES = [JointTask];
