/** The rules the extension module (延期) refuses by. */
export enum ExtensionRuleCode {
  /** 延期 is asked before the deadline: a clock already past its due time (or breached) cannot be extended. */
  BeforeDeadline = 'extension.before_deadline',
  /** The supervisor decides before the deadline passes; afterwards the request stands refused by time (409). */
  DecidedBeforeDeadline = 'extension.decided_before_deadline',
  /** The new due time is later than the clock's current one. */
  LaterDueTime = 'extension.later_due_time',
  /** Only the ticket's handler asks for more time. */
  RequestedByHandler = 'extension.requested_by_handler',
  /** Only the supervisor of the clock's department decides (a manager may stand in). */
  DecidedBySupervisor = 'extension.decided_by_supervisor',
  /** A request is decided once. */
  DecidedOnce = 'extension.decided_once',
  /** One open request per clock at a time. */
  OnePending = 'extension.one_pending',
  /** `extensions.maxPerTicket` in config/policy.yaml: requests (asked or approved) per ticket. */
  MaxPerTicket = 'extension.max_per_ticket',
  /** `extensions.maxTotalMinutes` in config/policy.yaml: the total length of a ticket's extensions. */
  MaxTotalMinutes = 'extension.max_total_minutes',
  /** The clock named is a live deadline of this ticket (not the stale-ticket activity clock). */
  LiveClock = 'extension.live_clock',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    extensions: ExtensionRuleCode;
  }
}
