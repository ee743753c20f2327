/** The rules the dispatch module (派单, 签收, 退单; 第一篇 一.8 及时转交, 第五篇 一站式接待) refuses by. */
export enum DispatchRuleCode {
  /** The ticket's handler, its department's supervisor or a company leader dispatches it. */
  DispatchedByDesk = 'dispatch.dispatched_by_desk',
  /** A dispatch goes to another department than the ticket's own. */
  OtherDepartment = 'dispatch.other_department',
  /** One open dispatch per ticket at a time: it is signed or returned first. */
  OneOpen = 'dispatch.one_open',
  /** Only an open ticket is dispatched. */
  OpenTicket = 'dispatch.open_ticket',
  /** The dispatch is signed or returned already. */
  Open = 'dispatch.open',
  /** Someone of the receiving department signs or returns it. */
  ByReceivingDepartment = 'dispatch.by_receiving_department',
  /** The handler named on signing is an active member of the receiving department. */
  HandlerInDepartment = 'dispatch.handler_in_department',
  /** A return waits for the dispatcher's decision: neither signed nor returned again until then. */
  ReturnPending = 'dispatch.return_pending',
  /** 退单 within the sign-for span only (dispatch.signForMinutes). */
  ReturnWithinSpan = 'dispatch.return_within_span',
  /** The dispatcher rejected a return: the department must sign, it may not return this dispatch again. */
  ReturnsClosed = 'dispatch.returns_closed',
  /** The dispatcher (or the dispatching department's supervisor, or a company leader) decides a return. */
  DecidedByDispatcher = 'dispatch.decided_by_dispatcher',
  /** A return is decided once. */
  DecidedOnce = 'dispatch.decided_once',
  /** While a dispatch is unsigned the receiving department holds the ticket; the dispatcher only decides returns. */
  WithReceivingDepartment = 'dispatch.with_receiving_department',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    dispatch: DispatchRuleCode;
  }
}
