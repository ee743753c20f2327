export const ROLES = ['staff', 'supervisor', 'manager', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];
