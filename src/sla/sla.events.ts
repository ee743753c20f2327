import type { ClockPurpose } from './sla-clock.entity.js';

export interface SlaEventMap {
  'sla.warned': { clockId: string; purpose: ClockPurpose; dueAt: string; handlerId: string; departmentId: string };
  'sla.breached': {
    clockId: string;
    breachId: string;
    purpose: ClockPurpose;
    dueAt: string;
    handlerId: string;
    departmentId: string;
    supervisorId: string | null;
  };
  'sla.escalated': { clockId: string; purpose: ClockPurpose; level: number; recipients: string[]; dueAt: string; departmentId: string };
  'sla.met': { clockId: string; purpose: ClockPurpose; late: boolean };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends SlaEventMap {}
}
