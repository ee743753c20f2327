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
      // A matter resolved before its appointment needs no meeting.
      await this.clocks.cancel(em, e.ticketId!, ['appointment']);
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
    this.bus.on('ticket.appointment_recorded', (e, em) => this.appointmentRecorded(e, em));
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
    const clocks: Parameters<SlaClocks['startWithEvent']>[1] = [];
    const appointment = p.status === 'open' && p.disposition === 'appointment' && p.appointmentAt ? new Date(p.appointmentAt) : null;
    if (appointment) await this.booked(em, e, appointment, now);
    if (p.status === 'open') {
      // 第六条: 24 hours from receipt (a back-dated complaint counts from when it arrived); an appointment's is booked above.
      if (p.disposition !== 'referred_out' && !appointment) clocks.push({ ...base, purpose: 'response', startedAt: new Date(p.receivedAt) });
      if (p.disposition === 'referred_out' && p.writtenReplyRequested) clocks.push({ ...base, purpose: 'written_reply', startedAt: now });
      clocks.push({ ...base, purpose: 'activity', startedAt: now });
      if (p.severity === 'major' && p.disposition !== 'referred_out') clocks.push({ ...base, purpose: 'report', startedAt: now });
    } else if (p.status === 'resolved') {
      clocks.push({ ...base, purpose: 'follow_up', startedAt: now });
    }
    // All of them in intake's numbered statement (no round trip of their own).
    await this.clocks.startWithEvent(em, clocks);
  }

  /**
   * 第一篇 二.4(5) 约谈 (DESIGN decision 10): the appointment's own clock, and the 24-hour response clock either met
   * by the agreed appointment (`met`) or counting on from the appointment (`paused`).
   */
  private async booked(em: EntityManager, e: DomainEvent<'ticket.received'>, appointmentAt: Date, now: Date): Promise<void> {
    const p = e.payload;
    const base = { ticketId: e.ticketId!, category: p.category, handlerId: p.handlerId, departmentId: p.departmentId };
    const receivedAt = new Date(p.receivedAt);
    const met = this.policy.appointments.responseClock === 'met';
    const spans = this.policy.spans(p.category);
    await this.clocks.startMany(em, [
      { ...base, purpose: 'appointment', startedAt: now, deadline: this.policy.appointmentDeadline(now, appointmentAt) },
      met
        ? {
            ...base,
            purpose: 'response',
            startedAt: receivedAt,
            deadline: this.policy.deadline(spans.calendar, receivedAt, spans.responseMinutes, spans.warnAtPercent),
          }
        : { ...base, purpose: 'response', startedAt: appointmentAt, deadline: this.policy.pausedResponseDeadline(p.category, receivedAt, now, appointmentAt) },
    ]);
    if (met) await this.clocks.meet(em, e.ticketId!, ['response'], now, e.actorId);
  }

  /** 第一篇 二.4(5): held or no-show meets the appointment clock; a reschedule moves it (a breach of the old one stays recorded). */
  private async appointmentRecorded(e: DomainEvent<'ticket.appointment_recorded'>, em: EntityManager): Promise<void> {
    const p = e.payload;
    const at = new Date(e.occurredAt);
    const ticketId = e.ticketId!;
    const base = { ticketId, category: p.category, handlerId: p.handlerId, departmentId: p.departmentId };
    const { responseClock, afterNoShow } = this.policy.appointments;
    if (p.outcome === 'held') await this.clocks.meet(em, ticketId, ['appointment'], at, e.actorId);
    if (p.outcome === 'no_show') {
      await this.clocks.meet(em, ticketId, ['appointment'], at, e.actorId);
      // The resident is still owed an answer: a response clock from the no-show, unless one runs already (paused mode).
      const live = await this.clocks.live(em, ticketId);
      if (afterNoShow === 'respond' && !live.some((c) => c.purpose === 'response'))
        await this.clocks.startFromPolicy(em, { ...base, purpose: 'response', startedAt: at });
    }
    if (p.outcome === 'rescheduled') {
      const appointmentAt = new Date(p.appointmentAt);
      const live = await this.clocks.live(em, ticketId);
      await this.clocks.cancel(em, ticketId, ['appointment']);
      const starts: Parameters<SlaClocks['startMany']>[1] = [
        { ...base, purpose: 'appointment', startedAt: at, deadline: this.policy.appointmentDeadline(at, appointmentAt) },
      ];
      // Paused mode: the 24 hours wait for the new time too, with what was left of them.
      const waiting = responseClock === 'paused' ? live.find((c) => c.purpose === 'response' && !c.breachedAt) : undefined;
      if (waiting) {
        await this.clocks.cancel(em, ticketId, ['response']);
        starts.push({
          ...base,
          purpose: 'response',
          startedAt: appointmentAt,
          deadline: this.policy.deadline(waiting.calendar, appointmentAt, waiting.spanMinutes, this.policy.spans(p.category).warnAtPercent),
        });
      }
      await this.clocks.startMany(em, starts);
    }
    await this.clocks.touch(em, ticketId, at, e.actorId);
  }
}
