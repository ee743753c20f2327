import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../events/domain-event.js';
import { EventBus } from '../events/event-bus.js';
import { SlaClocks } from './sla-clocks.service.js';
import { SlaPolicy } from './sla-policy.js';

/**
 * The clocks follow the ticket's events inside the same transaction, so a ticket never exists without
 * its clock and a reply never commits without meeting it.
 */
@Injectable()
export class SlaReactions implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly clocks: SlaClocks,
    private readonly policy: SlaPolicy,
  ) {}

  onModuleInit(): void {
    this.bus.on('ticket.received', (e, em) => this.received(e, em));
    this.bus.on('ticket.handed_off', async (e, em) => {
      await this.clocks.reassign(em, e.ticketId!, e.payload.toHandlerId, e.payload.toDepartmentId);
      await this.clocks.touch(em, e.ticketId!, new Date(e.occurredAt), e.actorId);
    });
    this.bus.on('ticket.replied', async (e, em) => {
      const at = new Date(e.occurredAt);
      // DESIGN decision 3: an answer with content meets the 24-hour clock; the next reply meets a promised time.
      await this.clocks.meet(
        em,
        e.ticketId!,
        e.payload.kind === 'written' ? ['response', 'promised_reply', 'written_reply'] : ['response', 'promised_reply'],
        at,
        e.actorId,
      );
      await this.clocks.touch(em, e.ticketId!, at, e.actorId);
    });
    this.bus.on('ticket.promised', async (e, em) => {
      const at = new Date(e.occurredAt);
      const ref = await this.clocks.latest(em, e.ticketId!);
      // A new promise supersedes the one before it; a breach of the earlier one stays recorded.
      await this.clocks.cancel(em, e.ticketId!, ['promised_reply']);
      const spans = this.policy.spans(ref?.category ?? e.payload.category);
      await this.clocks.start(em, {
        ticketId: e.ticketId!,
        category: e.payload.category,
        purpose: 'promised_reply',
        handlerId: e.payload.handlerId,
        departmentId: e.payload.departmentId,
        startedAt: at,
        deadline: this.policy.explicitDeadline(at, new Date(e.payload.replyBy), spans.warnAtPercent),
      });
      await this.clocks.touch(em, e.ticketId!, at, e.actorId);
    });
    this.bus.on('ticket.resolved', async (e, em) => {
      const at = new Date(e.occurredAt);
      const ref = await this.clocks.latest(em, e.ticketId!);
      await this.clocks.meet(em, e.ticketId!, ['response', 'promised_reply', 'activity'], at, e.actorId);
      // 第二条: 处理完毕立即对业主进行回访 — the follow-up visit is due.
      await this.clocks.startFromPolicy(em, {
        ticketId: e.ticketId!,
        category: ref?.category ?? e.payload.category,
        purpose: 'follow_up',
        handlerId: e.payload.handlerId,
        departmentId: e.payload.departmentId,
        startedAt: at,
      });
    });
    this.bus.on('ticket.reopened', async (e, em) => {
      const at = new Date(e.occurredAt);
      const category = e.payload.category;
      await this.clocks.cancel(em, e.ticketId!, ['follow_up']);
      const base = {
        ticketId: e.ticketId!,
        category,
        kind: e.payload.kind,
        handlerId: e.payload.handlerId,
        departmentId: e.payload.departmentId,
        startedAt: at,
      };
      // A redo (重办) is a new complaint-handling round: a fresh 24-hour clock.
      await this.clocks.startFromPolicy(em, { ...base, purpose: 'response' });
      await this.clocks.startFromPolicy(em, { ...base, purpose: 'activity' });
    });
    this.bus.on('ticket.closed', async (e, em) => this.clocks.cancel(em, e.ticketId!, 'all'));
    this.bus.on('ticket.escalated', async (e, em) => {
      const at = new Date(e.occurredAt);
      await this.clocks.reassign(em, e.ticketId!, e.payload.toHandlerId, e.payload.departmentId);
      // 第七条(六): a major complaint is reported to the supervisor or leaders at once — its own clock.
      await this.clocks.startFromPolicy(em, {
        ticketId: e.ticketId!,
        category: e.payload.category,
        purpose: 'report',
        handlerId: e.payload.toHandlerId,
        departmentId: e.payload.departmentId,
        startedAt: at,
      });
      await this.clocks.touch(em, e.ticketId!, at, e.actorId);
    });
    this.bus.on('checklist.ticked', async (e, em) => {
      if (e.payload.item === 'report') await this.clocks.meet(em, e.ticketId!, ['report'], new Date(e.occurredAt), e.actorId);
    });
    this.bus.on('follow_up.recorded', async (e, em) => {
      if (e.payload.final) await this.clocks.meet(em, e.ticketId!, ['follow_up'], new Date(e.occurredAt), e.actorId);
    });
  }

  private async received(e: DomainEvent<'ticket.received'>, em: EntityManager): Promise<void> {
    const p = e.payload;
    const base = { ticketId: e.ticketId!, category: p.category, kind: p.kind, handlerId: p.handlerId, departmentId: p.departmentId };
    const now = new Date(e.occurredAt);
    const clocks: Parameters<SlaClocks['startManyFromPolicy']>[1] = [];
    if (p.status === 'open') {
      // 第六条: 24 hours from receipt (a back-dated complaint counts from when it arrived).
      if (p.disposition !== 'referred_out') clocks.push({ ...base, purpose: 'response', startedAt: new Date(p.receivedAt) });
      if (p.disposition === 'referred_out' && p.writtenReplyRequested) clocks.push({ ...base, purpose: 'written_reply', startedAt: now });
      clocks.push({ ...base, purpose: 'activity', startedAt: now });
      if (p.severity === 'major' && p.disposition !== 'referred_out') clocks.push({ ...base, purpose: 'report', startedAt: now });
    } else if (p.status === 'resolved') {
      clocks.push({ ...base, purpose: 'follow_up', startedAt: now });
    }
    // One statement for all of them: intake holds the day's reference counter until it commits.
    await this.clocks.startManyFromPolicy(em, clocks);
  }
}
