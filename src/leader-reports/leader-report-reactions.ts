import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../events/event-bus.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { TicketDetailSections } from '../tickets/ticket-detail-sections.js';
import { LeaderReports } from './leader-reports.service.js';

/**
 * 第七条(六): a complaint that becomes major is reported to company leaders at once, in the same transaction.
 * Batch handlers run after every per-event handler of the publish, so the 报告 checklist item and the report
 * clock exist when the report meets them.
 */
@Injectable()
export class LeaderReportReactions implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly reports: LeaderReports,
    private readonly directory: StaffDirectory,
    private readonly sections: TicketDetailSections,
  ) {}

  onModuleInit(): void {
    this.sections.register('leaderReports', (ticketId, em, viewer) => this.reports.ofTicket(em, ticketId, viewer));

    this.bus.onMany('ticket.escalated', async (events, em) => {
      for (const e of events) {
        const holder = (await this.directory.people([e.payload.toHandlerId], em)).get(e.payload.toHandlerId);
        await this.reports.record(em, {
          ticketId: e.ticketId!,
          reference: e.payload.reference,
          reason: 'major',
          matters: [],
          content: `工单 ${e.payload.reference}（${e.payload.category}）升级为重大投诉，已由部门主管${holder?.name ?? ''}接办。升级原因：${e.payload.reason}`,
          reporterId: e.actorId,
          holderId: e.payload.toHandlerId,
          at: new Date(e.occurredAt),
        });
      }
    });
    this.bus.onMany(
      'ticket.received',
      async (events, em) => {
        for (const e of events) {
          const p = e.payload;
          const holder = (await this.directory.people([p.handlerId], em)).get(p.handlerId);
          await this.reports.record(em, {
            ticketId: e.ticketId!,
            reference: p.reference,
            reason: 'major',
            matters: [],
            content: `工单 ${p.reference}（${p.category}）登记为重大投诉，已由${holder?.name ?? ''}接办。`,
            reporterId: e.actorId,
            holderId: p.handlerId,
            at: new Date(e.occurredAt),
          });
        }
      },
      // A complaint major at intake, open and not referred out.
      ({ payload: p }) => p.severity === 'major' && p.status === 'open' && p.disposition !== 'referred_out',
    );
  }
}
