import type { ImportantMatter, LeaderReportReason } from './leader-report.entity.js';

export interface LeaderReportEventMap {
  /** 第七条(六), 第一篇 一.8: a written report reached company leaders; the notifications module tells each recipient. */
  'leader_report.recorded': { reportId: string; reference: string; reason: LeaderReportReason; matters: ImportantMatter[]; recipients: string[] };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends LeaderReportEventMap {}
}
