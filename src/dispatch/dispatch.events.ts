/** What every dispatch notice names: the ticket's reference (TS-…) and the name of the department the dispatch went to, read in the step's transaction. */
export interface DispatchNames {
  reference: string;
  receivingDepartmentName: string;
}

export interface DispatchEventMap {
  /** 派单: the ticket went to a department, which signs for it by `signDueAt`; its supervisor is told. */
  'dispatch.created': { dispatchId: string; fromDepartmentId: string; toDepartmentId: string; signDueAt: string; recipients: string[] } & DispatchNames;
  /** 签收: the department named a handler, who is now responsible. */
  'dispatch.signed': { dispatchId: string; toDepartmentId: string; handlerId: string; late: boolean; recipients: string[] } & DispatchNames;
  /** The sign-for span is nearly used up (dispatch.warnAtPercent). */
  'dispatch.warned': { dispatchId: string; toDepartmentId: string; signDueAt: string; recipients: string[] } & DispatchNames;
  /** Unsigned at `signDueAt`: recorded on the ticket, the dispatcher told. */
  'dispatch.breached': { dispatchId: string; toDepartmentId: string; signDueAt: string; recipients: string[] } & DispatchNames;
  /** The unsigned dispatch escalated: level 1 to the receiving department's supervisor, level 2 to company leaders. */
  'dispatch.escalated': { dispatchId: string; toDepartmentId: string; level: number; recipients: string[] } & DispatchNames;
  /** 退单: the department sent it back with a reason; the dispatcher decides. */
  'dispatch.returned': {
    dispatchId: string;
    returnId: string;
    fromDepartmentId: string;
    toDepartmentId: string;
    reasonCode: string;
    returnCount: number;
    recipients: string[];
  } & DispatchNames;
  'dispatch.return_accepted': { dispatchId: string; returnId: string; fromDepartmentId: string; recipients: string[] } & DispatchNames;
  /** The dispatcher rejected the return: the department must sign; no more returns of this dispatch. */
  'dispatch.return_rejected': { dispatchId: string; returnId: string; fromDepartmentId: string; recipients: string[] } & DispatchNames;
  /** The ticket's third return (dispatch.leadersAtReturn): company leaders are told. */
  'dispatch.third_return': { dispatchId: string; returnId: string; returnCount: number; recipients: string[] } & DispatchNames;
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends DispatchEventMap {}
}
