import type { ChecklistItem } from './checklist.entity.js';

export interface ChecklistEventMap {
  'checklist.ticked': { item: ChecklistItem; source: string };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends ChecklistEventMap {}
}
