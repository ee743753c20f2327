export { ROLES, type Role } from '../config/roles.js';
