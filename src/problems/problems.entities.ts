import { RecurringProblem, ProblemSighting } from './problem.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const PROBLEMS_ENTITIES = [RecurringProblem, ProblemSighting];
