export interface SupervisionEventMap {
  /** 督办单 issued to a department; its supervisor is told. */
  'supervision.issued': { orderId: string; departmentId: string; dueAt: string; recipients: string[] };
  /** 催办: a reminder point of the order passed without accepted feedback. */
  'supervision.reminded': { orderId: string; departmentId: string; dueAt: string; percent: number; recipients: string[] };
  'supervision.feedback_submitted': { orderId: string; feedbackId: string; recipients: string[] };
  'supervision.feedback_rejected': { orderId: string; feedbackId: string; recipients: string[] };
  'supervision.closed': { orderId: string; feedbackId: string; late: boolean };
  /** The deadline passed without accepted feedback: escalated to the department's supervisor and company leaders. */
  'supervision.breached': { orderId: string; departmentId: string; dueAt: string; recipients: string[] };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends SupervisionEventMap {}
}
