/** The roles a staff account may hold: a base vocabulary, so the policy file can name them (org assigns them). */
export const ROLES = ['staff', 'supervisor', 'manager', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];
