/** The rules the tickets module refuses by (`details.rule` of a 422). */
export enum TicketRuleCode {
  /** 第二条 无法确定责任人的报部门主管处理, 第八条(二): a department with no supervisor cannot take a complaint no person is named for (intake, handoff, escalation). */
  DepartmentHasNoSupervisor = 'routing.department_has_no_supervisor',
  /** 第二条 转交责任部门: the category's department (routing in config/policy.yaml) must exist. */
  RoutedDepartmentMissing = 'routing.department_missing',
  /** 第二条 转交责任部门的责任人: the person named must be an active member of the department. */
  ResponsiblePersonInDepartment = 'handoff.responsible_person_in_department',
  /** 第二条: a handoff names a person or a department. */
  HandoffTarget = 'handoff.target',
  /** 第二条: a handoff goes to someone who can take it: an active account… */
  HandoffTargetActive = 'handoff.target_active',
  /** 第二条: …who belongs to a department. */
  HandoffTargetHasDepartment = 'handoff.target_has_department',
  /** 第二条: a handoff changes hands; to the current handler it is no handoff. */
  HandoffToSomeoneElse = 'handoff.to_someone_else',
  /** 第七条 记清楚: a closed matter is archived; it takes no handling until it is reopened. */
  Closed = 'ticket.closed',
  /** 第七条: a ticket is closed once. */
  AlreadyClosed = 'ticket.already_closed',
  /** 第七条 五清楚、一报告 and 第八条: a ticket closes only when its closing conditions are met (`details.missing`). */
  CloseRequirements = 'ticket.close_requirements',
  /** 第八条(二) 确定回复时间: a reply time is promised on an open matter. */
  PromiseOpenOnly = 'ticket.promise_open_only',
  /** 第六条, 第八条: only an open matter is resolved. */
  ResolveOpenOnly = 'ticket.resolve_open_only',
  /** 第八条(二): only an open matter is raised to major. */
  EscalateOpenOnly = 'ticket.escalate_open_only',
  /** 第八条(二): a major complaint is raised once. */
  AlreadyMajor = 'ticket.already_major',
  /** 第二条 回访: a resolved or closed matter is reopened; an open one already is. */
  ReopenNotOpen = 'ticket.reopen_not_open',
  /** 员工文明服务要求 2.② and 第五条 (推诿): a written or online reply with a forbidden expression is refused (`details.findings`: expression, category). */
  ForbiddenExpression = 'service_language.forbidden_expression',
  /** 第一篇 二.4 不再受理: only a closed matter can be refused as not accepted again. */
  NotReacceptedEarlierClosed = 'not_reaccepted.earlier_closed',
  /** 第六条, 第九条: the caller has open tickets of this category: the clerk says same matter or new matter (`details.matches`), nothing is merged silently. */
  MatchChoiceRequired = 'intake.match_choice_required',
  /** 第九条: a repeat contact joins an open matter; a closed one is raised again as not_reaccepted or as a new matter. */
  MatchedMatterClosed = 'intake.matched_matter_closed',
  /** 第六条, 第九条: a relatedTicketId of another category is another matter unless the clerk chose `match.choice: same`. */
  RelatedOtherCategory = 'intake.related_other_category',
  /** 第一篇 二.4(5) 约谈: an appointment outcome is recorded on an open ticket booked as an appointment. */
  AppointmentNone = 'appointment.none',
  /** 第一篇 二.4(5): a meeting is held or missed once per booking; a held meeting is not rescheduled. */
  AppointmentNotPending = 'appointment.not_pending',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    tickets: TicketRuleCode;
  }
}
