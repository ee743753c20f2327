import type { Role } from './roles.js';

/** Who is calling: loaded from the database on every request, so a deactivated account stops at once. */
export interface Principal {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  departmentId: string | null;
}

export const hasRole = (principal: Principal, ...roles: Role[]) => roles.some((role) => principal.roles.includes(role));
