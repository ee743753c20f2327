import { LoginThrottle } from './login-throttle.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const AUTH_ENTITIES = [LoginThrottle];
