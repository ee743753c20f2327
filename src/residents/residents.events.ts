export interface ResidentEventMap {
  /** Staff revoked the ticket's tracking links: the page answers 404 from now on. */
  'resident.tracking_revoked': { revoked: number };
  /** 回访 answered on the residents' page (the follow-up itself is `follow_up.recorded`). */
  'resident.rated': { followUpId: string; verdict: string };
  /** 首问负责制 under first_claim: an online complaint waits for the department in charge to claim it; its staff and supervisors are told. */
  'ticket.claim_opened': { reference: string; category: string; departmentId: string; claimableUntil: string; recipients: string[] };
  /** 首问负责制 under first_claim: staff of the department in charge claimed the online complaint and are its first responder now. */
  'ticket.first_responder_claimed': { fromFirstResponderId: string; toFirstResponderId: string; departmentId: string; claimableUntil: string };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends ResidentEventMap {}
}
