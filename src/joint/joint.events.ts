export interface JointEventMap {
  'joint.task_created': { taskId: string; departmentId: string; dueAt: string };
  'joint.task_assigned': { taskId: string; departmentId: string; handlerId: string };
  'joint.task_signed_off': { taskId: string; departmentId: string };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends JointEventMap {}
}
