/** The rules the scoring module (overreach, valid complaints, the ledger and its month close) refuses by. */
export enum ScoringRuleCode {
  /** 第十条: a company-level overreach goes to company leaders; county and city levels to a website, authority or media. */
  OverreachVenueMatchesLevel = 'overreach.venue_matches_level',
  /** DESIGN decision 5: an overreach happens after the complaint reached the company; before that it is a referral. */
  OverreachAfterContact = 'overreach.after_contact',
  /** 第三条, DESIGN decision 12: only a complaint feeds overreach scoring; a suggestion or an enquiry does not. */
  OverreachComplaintsOnly = 'overreach.complaints_only',
  /** 第十条: the same overreach (ticket, level, business day) is charged once (409). */
  OverreachOncePerTicketLevelDay = 'overreach.once_per_ticket_level_day',
  /** 第十一条, 第三条: a valid complaint is determined on a complaint, not on a suggestion or an enquiry. */
  ValidComplaintComplaintsOnly = 'valid_complaint.complaints_only',
  /** 第十一条: a valid complaint needs all its conditions (`details.missing`). */
  ValidComplaintConditions = 'valid_complaint.conditions',
  /** 第十一条: the supervisor of the employee's department decides (403). */
  ValidComplaintOwnDepartmentSupervisor = 'valid_complaint.own_department_supervisor',
  /** 第十一条: one determination per ticket and employee (409). */
  ValidComplaintOncePerTicketEmployee = 'valid_complaint.once_per_ticket_employee',
  /** 第十条(三): the outcome of a disciplinary case is recorded once (409). */
  DisciplinaryDecideOnce = 'disciplinary.decide_once',
  /** 第十条 (记录不得修改): a decision on appeal reverses a charge; a reversal is not reversed. */
  ReverseChargesOnly = 'scoring.reverse_charges_only',
  /** 第十条: an entry is reversed once (409). */
  ReverseOnce = 'scoring.reverse_once',
  /** 第八条(四): a month is closed once it has ended. */
  MonthCloseAfterEnd = 'report.close_after_month_end',
  /** 第八条(四): a month is closed once (409); later decisions land in the next open month. */
  MonthCloseOnce = 'report.close_once',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    scoring: ScoringRuleCode;
  }
}
