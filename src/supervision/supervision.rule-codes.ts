/** The rules the supervision-order module (督办单) refuses by. */
export enum SupervisionRuleCode {
  /** An order is on a ticket or on a recurring problem: exactly one of `ticketId`, `problemId`. */
  OneTarget = 'supervision.one_target',
  /** Its deadline lies ahead. */
  DueInFuture = 'supervision.due_in_future',
  /** A ticket's order goes to the ticket's department (it must see the ticket it answers for). */
  TicketDepartment = 'supervision.ticket_department',
  /** Written feedback comes from the responsible department. */
  FeedbackByDepartment = 'supervision.feedback_by_department',
  /** Only the manager who issued the order accepts or sends back its feedback. */
  DecidedByIssuer = 'supervision.decided_by_issuer',
  /** There is feedback waiting for a decision (accept/reject), or none is (feedback). */
  FeedbackState = 'supervision.feedback_state',
  /** A closed order takes no more feedback or decisions. */
  Closed = 'supervision.closed',
  /** Sending feedback back names why. */
  RejectionNoted = 'supervision.rejection_noted',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    supervision: SupervisionRuleCode;
  }
}
