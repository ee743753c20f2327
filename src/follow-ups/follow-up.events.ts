import type { Verdict } from './follow-up.entity.js';

export interface FollowUpEventMap {
  /** `final`: the visit is done (satisfied, basically satisfied, unreachable); dissatisfied reopens instead. */
  'follow_up.recorded': { followUpId: string; verdict: Verdict; final: boolean; attempt: number };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends FollowUpEventMap {}
}
