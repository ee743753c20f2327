import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.js';
import { invalidInput, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { EventBus } from '../events/event-bus.js';
import { UnitOfWork } from '../idempotency/unit-of-work.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { CreateTicketDto } from './dto/create-ticket.dto.js';
import type { IntakeResultView } from './dto/ticket.view.js';
import { normalisePhone } from './phone.js';
import { TicketContact } from './ticket-contact.entity.js';
import { TicketWriter, type HistoryEntry } from './ticket-writer.js';
import { Ticket } from './ticket.entity.js';
import { initialHandler, initialStatus } from './ticket.rules.js';
import type { CommandOptions } from './tickets.service.js';
import { TicketsQuery } from './tickets.query.js';

/** Intake (rule 1): recording a complaint, its routing, its first responder, or linking a repeat contact. */
@Injectable()
export class TicketIntake {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: TicketWriter,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
    private readonly query: TicketsQuery,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Intake. The caller is the first responder (首问负责制), for good. */
  async receive(dto: CreateTicketDto, actor: Principal, options: CommandOptions = {}): Promise<IntakeResultView> {
    const category = this.policy.categories[dto.category];
    if (!category) throw invalidInput('category', `unknown category "${dto.category}"; one of: ${Object.keys(this.policy.categories).join(', ')}`);
    const phone = normalisePhone(dto.complainant.phone);
    if (!phone) throw invalidInput('complainant.phone', 'must be a mainland mobile (13812345678) or a landline with area code (0371-62345678)');
    const now = this.clock.now();
    const receivedAt = this.receivedAt(dto.receivedAt, now);

    return this.uow.run(options.idempotency, async (em) => {
      const repeatOf = await this.openMatter(em, dto, phone);
      if (repeatOf) return this.recordRepeatContact(em, repeatOf, dto, phone, actor, now);

      const department = await this.directory.departmentByCode(category.department, em);
      if (!department) {
        throw ruleViolated('routing.department_missing', `category ${dto.category} routes to department ${category.department}, which does not exist`, { category: dto.category });
      }
      const firstResponder = await this.directory.member(actor.id, em);
      const named = dto.handlerId ? await this.directory.member(dto.handlerId, em) : null;
      if (dto.handlerId && !named) throw invalidInput('handlerId', 'no such staff member');
      if (dto.disposition === 'not_reaccepted') await this.checkEarlier(em, dto.notReaccepted!.earlierTicketId);
      const { handlerId, reason } = initialHandler({ ...dto, firstResponder: firstResponder!, department, named });
      const status = initialStatus(dto.disposition);

      const reference = await this.nextReference(em, now);
      const ticket = em.getRepository(Ticket).create({
        reference,
        channel: dto.channel,
        status,
        disposition: dto.disposition,
        severity: dto.severity,
        category: dto.category,
        complainantName: dto.complainant.name.trim(),
        complainantPhone: phone,
        community: dto.complainant.address.community.trim(),
        building: dto.complainant.address.building?.trim() || null,
        unit: dto.complainant.address.unit?.trim() || null,
        room: dto.complainant.address.room?.trim() || null,
        summary: dto.summary,
        requests: dto.requests,
        firstResponderId: actor.id,
        handlerId,
        departmentId: department.id,
        referredTo: dto.referral?.unit ?? null,
        writtenReplyRequested: dto.referral?.writtenReplyRequested ?? false,
        earlierTicketId: dto.notReaccepted?.earlierTicketId ?? null,
        notReacceptedReason: dto.notReaccepted?.reason ?? null,
        appointmentAt: dto.appointmentAt ? new Date(dto.appointmentAt) : null,
        onTheSpotAnswer: dto.onTheSpotAnswer ?? null,
        relatedTicketId: dto.relatedTicketId ?? null,
        receivedAt,
        registeredAt: now,
        lastActivityAt: now,
        resolvedAt: status === 'resolved' ? now : null,
        closedAt: status === 'closed' ? now : null,
        version: 1,
      });
      await em.getRepository(Ticket).insert(ticket);

      const history: HistoryEntry[] = [
        { action: 'received', after: { reference, channel: dto.channel, category: dto.category, severity: dto.severity, disposition: dto.disposition, status } },
        { action: 'assigned', after: { handlerId, departmentId: department.id }, note: reason },
      ];
      if (receivedAt.getTime() !== now.getTime()) {
        history.push({ action: 'backdated', after: { receivedAt: receivedAt.toISOString(), registeredAt: now.toISOString() } });
      }
      await this.writer.history(em, ticket.id, actor.id, now, ...history);
      await this.bus.publish(em, {
        name: 'ticket.received',
        ticketId: ticket.id,
        actorId: actor.id,
        payload: {
          reference, channel: dto.channel, category: dto.category, severity: dto.severity, disposition: dto.disposition,
          departmentId: department.id, handlerId, firstResponderId: actor.id, receivedAt: receivedAt.toISOString(),
          writtenReplyRequested: ticket.writtenReplyRequested, status, community: ticket.community, building: ticket.building,
        },
      });
      return { outcome: 'created', ticket: await this.query.view(em, ticket, actor) };
    }, 201);
  }

  private receivedAt(raw: string | undefined, now: Date): Date {
    if (!raw) return now;
    const at = new Date(raw);
    if (at.getTime() > now.getTime()) throw invalidInput('receivedAt', 'must not be in the future');
    if (now.getTime() - at.getTime() > this.policy.intake.maxBackdateMinutes * 60_000) {
      throw invalidInput('receivedAt', `may be at most ${this.policy.intake.maxBackdateMinutes / 60} hours in the past`);
    }
    return at;
  }

  /** Rule 6: the same open matter (explicitly linked, or same phone and category while open) is a repeat contact. */
  private async openMatter(em: EntityManager, dto: CreateTicketDto, phone: string): Promise<Ticket | null> {
    if (dto.disposition === 'not_reaccepted') return null;
    const repo = em.getRepository(Ticket);
    if (dto.relatedTicketId) {
      const related = await repo.findOne({ where: { id: dto.relatedTicketId }, lock: { mode: 'pessimistic_write' } });
      if (!related) throw invalidInput('relatedTicketId', 'no such ticket');
      return related.status === 'closed' ? null : related;
    }
    if (!this.policy.intake.linkRepeatContacts) return null;
    return repo
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where(`t.complainant_phone = :phone AND t.category = :category AND t.status <> 'closed'`, { phone, category: dto.category })
      .orderBy('t.received_at', 'ASC')
      .getOne();
  }

  private async recordRepeatContact(em: EntityManager, ticket: Ticket, dto: CreateTicketDto, phone: string, actor: Principal, now: Date): Promise<IntakeResultView> {
    const { identifiers } = await em.getRepository(TicketContact).insert({
      ticketId: ticket.id, recordedById: actor.id, channel: dto.channel, complainantName: dto.complainant.name, complainantPhone: phone, summary: dto.summary, at: now,
    });
    const repeatCount = ticket.repeatCount + 1;
    await this.writer.save(em, ticket, { repeatCount, lastActivityAt: now });
    await this.writer.history(em, ticket.id, actor.id, now, { action: 'repeat_contact', after: { channel: dto.channel, repeatCount }, note: dto.summary });
    await this.bus.publish(em, {
      name: 'ticket.repeat_contact', ticketId: ticket.id, actorId: actor.id,
      payload: { contactId: identifiers[0].id as string, channel: dto.channel, repeatCount },
    });
    return { outcome: 'repeat_contact', ticket: await this.query.view(em, ticket, actor) };
  }

  private async checkEarlier(em: EntityManager, earlierId: string): Promise<void> {
    const earlier = await em.getRepository(Ticket).findOne({ where: { id: earlierId }, select: { id: true, status: true } });
    if (!earlier) throw invalidInput('notReaccepted.earlierTicketId', 'no such ticket');
    if (earlier.status !== 'closed') {
      throw ruleViolated('not_reaccepted.earlier_closed', 'only a closed matter can be refused as not accepted again; the earlier ticket is still open', { field: 'notReaccepted.earlierTicketId' });
    }
  }

  /** TS-20261128-0007: numbered per registration day in the business time zone, without gaps. */
  private async nextReference(em: EntityManager, now: Date): Promise<string> {
    const day = DateTime.fromJSDate(now, { zone: this.policy.company.timeZone });
    const [{ last }] = await em.query(
      `INSERT INTO ticket_reference_counter (day, last) VALUES ($1, 1)
       ON CONFLICT (day) DO UPDATE SET last = ticket_reference_counter.last + 1 RETURNING last`,
      [day.toISODate()],
    );
    return `${this.policy.intake.referencePrefix}-${day.toFormat('yyyyLLdd')}-${String(last).padStart(4, '0')}`;
  }
}
