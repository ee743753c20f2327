export interface JointEventMap {
  'joint.task_created': { taskId: string; departmentId: string; dueAt: string };
  'joint.task_assigned': { taskId: string; departmentId: string; handlerId: string };
  'joint.task_signed_off': { taskId: string; departmentId: string };
  /** The task's clock: warned before its due time, breached at it, escalated on the company's escalation steps. */
  'joint.task_warned': { taskId: string; departmentId: string; dueAt: string; recipients: string[] };
  'joint.task_breached': { taskId: string; departmentId: string; dueAt: string; recipients: string[] };
  'joint.task_escalated': { taskId: string; departmentId: string; dueAt: string; level: number; recipients: string[] };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends JointEventMap {}
}
