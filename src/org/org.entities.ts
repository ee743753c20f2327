import { Department } from './department.entity.js';
import { Staff } from './staff.entity.js';
import { OrgTerm } from './org-term.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const ORG_ENTITIES = [Department, Staff, OrgTerm];
