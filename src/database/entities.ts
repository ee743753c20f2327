import { LoginAttempt } from '../auth/login-attempt.entity.js';
import { Department } from '../org/department.entity.js';
import { OrgTerm } from '../org/org-term.entity.js';
import { Staff } from '../org/staff.entity.js';

/** Every entity, listed explicitly (no globs: the app is ESM and bundled paths differ between src and dist). */
export const ENTITIES = [Department, Staff, OrgTerm, LoginAttempt];
