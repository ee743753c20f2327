/** The rules the joint-handling module (联合办理) refuses by. */
export enum JointRuleCode {
  /** 联合办理: a co-department is another department than the lead (the ticket's department). */
  CoDepartmentNotLead = 'joint.co_department_not_lead',
  /** 联合办理: a co-department has one open task on a ticket at a time. */
  OneOpenTaskPerDepartment = 'joint.one_open_task_per_department',
  /** 联合办理: the lead's handler, its department's supervisor or a company leader gives co-departments their tasks. */
  LeadGivesTasks = 'joint.lead_gives_tasks',
  /** 联合办理: the co-department's supervisor assigns its task to an active member of the co-department. */
  SupervisorAssignsOwnMember = 'joint.supervisor_assigns_own_member',
  /** 联合办理: the task's handler signs it off, once. */
  HandlerSignsOff = 'joint.handler_signs_off',
  /** 联合办理: a signed-off task takes no further steps. */
  TaskSignedOff = 'joint.task_signed_off',
  /** 联合办理: tasks are given on an open ticket. */
  OpenTicketOnly = 'joint.open_ticket_only',
  /** 联合办理: the ticket is resolved once every co-department's task is signed off (`details.openTasks`). */
  TasksOpen = 'joint.tasks_open',
  /** 联合办理: the resident gets one answer, from the lead; a co-department does not reply to the resident. */
  LeadRepliesOnly = 'joint.lead_replies_only',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    joint: JointRuleCode;
  }
}
