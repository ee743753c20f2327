import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../events/event-bus.js';
import { TicketCloseGuards } from '../tickets/ticket-close-guards.js';
import { TicketDetailSections } from '../tickets/ticket-detail-sections.js';
import { hasFiveClears } from '../tickets/ticket.types.js';
import { TicketRequirement, type ChecklistItem } from './checklist.entity.js';
import { ChecklistService } from './checklist.service.js';

const FIVE_CLEARS: ChecklistItem[] = ['listen', 'ask', 'follow', 'reply', 'record'];

/** Keeps each ticket's requirements current from its events, in the same transaction. */
@Injectable()
export class ChecklistReactions implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly checklist: ChecklistService,
    private readonly guards: TicketCloseGuards,
    private readonly sections: TicketDetailSections,
  ) {}

  onModuleInit(): void {
    this.guards.register('checklist', (em, ticket) => this.checklist.missing(em, ticket.id));
    this.sections.register('checklist', (ticketId, em) => this.checklist.view(em, ticketId));

    this.bus.on('ticket.received', async (e, em) => {
      const p = e.payload;
      if (p.status === 'closed') return; // not accepted again: nothing to do
      const accepted = hasFiveClears(p.disposition, p.status);
      const major = p.severity === 'major';
      // In intake's numbered statement: nothing in the transaction reads it before.
      const requirement = em.getRepository(TicketRequirement).create({
        ticketId: e.ticketId!,
        // 第七条: every accepted complaint has the five clears; a major one also the report (报告).
        items: accepted ? [...FIVE_CLEARS, ...(major ? (['report'] as ChecklistItem[]) : [])] : [],
        needsPromise: accepted && major,
        promisedAt: null,
        needsWrittenAnswer: p.channel === 'written' || (p.disposition === 'referred_out' && p.writtenReplyRequested),
        writtenAnswerAt: null,
        // Referred-out matters are another unit's to handle; everything we handled gets its 回访.
        needsFollowUp: p.disposition !== 'referred_out',
        followedUpAt: null,
      });
      await this.bus.insertWithEvent(em, TicketRequirement, [requirement]);
      // 听清楚/问清楚 the first responder confirmed at intake: ticked with the intake record as evidence (intake wrote the history rows).
      if (accepted && p.confirmedClears?.length) await this.checklist.recordAtIntake(em, e.ticketId!, p.confirmedClears, e.actorId);
    });
    this.bus.on('ticket.escalated', async (e, em) => {
      const repo = em.getRepository(TicketRequirement);
      const requirement = await repo.findOne({ where: { ticketId: e.ticketId! } });
      if (!requirement) return;
      const items = requirement.items.includes('report') ? requirement.items : [...requirement.items, 'report' as ChecklistItem];
      await repo.update({ ticketId: e.ticketId! }, { items, needsPromise: true });
    });
    this.bus.on('leader_report.recorded', async (e, em) => {
      // 第七条(六) 一报告: the written report to company leaders is the evidence of 报告.
      await this.checklist.record(em, e.ticketId!, 'report', `书面报告 ${e.payload.reportId}`, e.actorId, 'leader_report');
    });
    this.bus.on('ticket.promised', async (e, em) => {
      await em.getRepository(TicketRequirement).update({ ticketId: e.ticketId! }, { promisedAt: new Date(e.occurredAt) });
    });
    this.bus.on('ticket.replied', async (e, em) => {
      if (e.payload.kind === 'written')
        await em.getRepository(TicketRequirement).update({ ticketId: e.ticketId! }, { writtenAnswerAt: new Date(e.occurredAt) });
      // A final reply that tells the resident the process and result is itself the evidence of 复清楚.
      if (e.payload.final) await this.checklist.record(em, e.ticketId!, 'reply', e.payload.content, e.actorId, 'final_reply');
    });
    this.bus.on('ticket.resolved', async (e, em) => {
      // Following the matter to its resolution is the evidence of 跟清楚.
      await this.checklist.record(em, e.ticketId!, 'follow', e.payload.summary, e.actorId, 'resolution');
    });
    this.bus.on('follow_up.recorded', async (e, em) => {
      if (e.payload.final) await em.getRepository(TicketRequirement).update({ ticketId: e.ticketId! }, { followedUpAt: new Date(e.occurredAt) });
    });
    this.bus.on('ticket.reopened', async (e, em) => {
      // A redo needs its own follow-up visit when it is done again.
      await em.getRepository(TicketRequirement).update({ ticketId: e.ticketId! }, { followedUpAt: null });
    });
  }
}
