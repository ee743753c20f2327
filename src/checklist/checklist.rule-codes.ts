/** The rules the checklist module refuses by (a closed ticket's checklist refuses with TicketRuleCode.Closed). */
export enum ChecklistRuleCode {
  /** 第七条 一报告: an item outside this ticket's checklist (the report is due for major complaints only) cannot be ticked. */
  ItemNotRequired = 'checklist.item_not_required',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    checklist: ChecklistRuleCode;
  }
}
