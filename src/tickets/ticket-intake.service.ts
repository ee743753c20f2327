import { Injectable } from '@nestjs/common';
import { TicketWork } from './ticket-work.js';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { EventWrite } from '../events/event-bus.js';
import type { Principal } from '../org/principal.js';
import { invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { type Member, type PersonSummary } from '../org/staff-directory.service.js';
import type { CreateTicketDto } from './dto/create-ticket.dto.js';
import type { IntakeResultView } from './dto/ticket.view.js';
import { IntakeMatches } from './intake-matches.js';
import { normalisePhone } from './phone.js';
import { canSee } from './ticket-access.js';
import { TicketContact } from './ticket-contact.entity.js';
import { toTicketView } from './ticket-views.js';
import { historyJson, type HistoryEntry } from './ticket-writer.js';
import { Ticket } from './ticket.entity.js';
import { appointmentTime, initialHandler, initialStatus } from './ticket.rules.js';
import { hasFiveClears, INTAKE_CLEAR_NOTE } from './ticket.types.js';
import type { CommandOptions } from './tickets.service.js';
import { TicketRuleCode } from './ticket.rule-codes.js';
import { PlaceRegister, type RegisteredAddress } from '../places/place-register.service.js';
import { CACHED_PLAN } from '../database/plan-cache.js';

/** Intake (第五条, 第六条; 第一篇 二.3): recording a complaint, its routing, its first responder, or linking a repeat contact. */
@Injectable()
export class TicketIntake {
  constructor(
    private readonly work: TicketWork,
    private readonly matches: IntakeMatches,
    private readonly places: PlaceRegister,
  ) {}

  /** Intake. The caller is the first responder (首问负责制), for good. */
  receive(dto: CreateTicketDto, actor: Principal, options: CommandOptions = {}): Promise<IntakeResultView> {
    // The first read (is there an open matter, which department) travels in the Idempotency-Key's claim: one round
    // trip fewer. An intake that fails its checks below has none to carry.
    const category = this.work.policy.categories[dto.category];
    const phone = normalisePhone(dto.complainant.phone);
    const probe = category && phone ? this.matches.probe(dto, phone, category.department) : null;
    return this.work.uow.run(options.idempotency, (em, probed) => this.receiveIn(em, dto, actor, { answerIsLast: true, probed }), probe ?? undefined);
  }

  /**
   * Intake inside the caller's transaction: the residents' page files the ticket with its photos, consent and
   * tracking link at once. `answerIsLast`: the intake's answer is the transaction's, so its Idempotency-Key
   * record joins the numbered statement. `probed`: the row of IntakeMatches.probe, read already.
   */
  async receiveIn(
    em: EntityManager,
    dto: CreateTicketDto,
    actor: Principal,
    { answerIsLast = false, probed = null }: { answerIsLast?: boolean; probed?: Record<string, unknown> | null } = {},
  ): Promise<IntakeResultView> {
    const category = this.work.policy.categories[dto.category];
    if (!category) throw invalidInput('category', `unknown category "${dto.category}"; one of: ${Object.keys(this.work.policy.categories).join(', ')}`);
    const phone = normalisePhone(dto.complainant.phone);
    if (!phone) throw invalidInput('complainant.phone', 'must be a mainland mobile (13812345678) or a landline with area code (0371-62345678)');
    const now = this.work.clock.now();
    const receivedAt = this.receivedAt(dto.receivedAt, now);
    const appointmentAt = dto.disposition === 'appointment' ? appointmentTime(dto.appointmentAt!, now, this.work.policy.appointments.maxAheadDays) : null;

    {
      const matter = await this.matches.openMatter(em, dto, phone, actor, category.department, probed);
      if (matter.repeatOf) return this.recordRepeatContact(em, matter.repeatOf, dto, phone, actor, now);

      const { passedOver, department } = matter;
      if (!department) {
        throw ruleViolated(
          TicketRuleCode.RoutedDepartmentMissing,
          `category ${dto.category} routes to department ${category.department}, which does not exist`,
          { category: dto.category },
        );
      }
      // The caller was read (active) by the auth guard moments ago: no second read of the same row.
      const firstResponder: Member = { id: actor.id, name: actor.name, departmentId: actor.departmentId, roles: actor.roles, active: true };
      const named = dto.handlerId ? await this.work.directory.member(dto.handlerId, em) : null;
      if (dto.handlerId && !named) throw invalidInput('handlerId', 'no such staff member');
      if (dto.disposition === 'not_reaccepted') await this.checkEarlier(em, dto.notReaccepted!.earlierTicketId, actor);
      const place = await this.registeredAddress(em, dto);
      const address = place ? underPlace(place, dto.complainant.address) : dto.complainant.address;
      const { handlerId, reason, assignedBy } = initialHandler({ ...dto, firstResponder, department, named });
      const status = initialStatus(dto.disposition);

      const ticket: Ticket = {
        id: timeOrderedId(now),
        reference: '', // numbered in the transaction's last statement
        kind: dto.kind ?? 'complaint',
        channel: dto.channel,
        status,
        disposition: dto.disposition,
        severity: dto.severity,
        category: dto.category,
        complainantName: dto.complainant.name.trim(),
        complainantPhone: phone,
        community: address.community!.trim(),
        building: address.building?.trim() || null,
        unit: address.unit?.trim() || null,
        room: address.room?.trim() || null,
        placeId: place?.placeId ?? null,
        summary: dto.summary,
        requests: dto.requests,
        firstResponderId: actor.id,
        handlerId,
        departmentId: department.id,
        referredTo: dto.referral?.unit ?? null,
        writtenReplyRequested: dto.referral?.writtenReplyRequested ?? false,
        earlierTicketId: dto.notReaccepted?.earlierTicketId ?? null,
        notReacceptedReason: dto.notReaccepted?.reason ?? null,
        appointmentAt,
        appointmentState: appointmentAt ? 'booked' : null,
        onTheSpotAnswer: dto.onTheSpotAnswer ?? null,
        relatedTicketId: dto.relatedTicketId ?? null,
        repeatCount: 0,
        reopenCount: 0,
        receivedAt,
        registeredAt: now,
        lastActivityAt: now,
        resolvedAt: status === 'resolved' ? now : null,
        closedAt: status === 'closed' ? now : null,
        version: 1,
      };
      const history: HistoryEntry[] = [
        {
          action: 'received',
          after: { kind: ticket.kind, channel: dto.channel, category: dto.category, severity: dto.severity, disposition: dto.disposition, status },
        },
        // assignedBy: the policy's routing chose the handler (系统自动分派), or the clerk did (a named person, an answer on the spot).
        { action: 'assigned', after: { handlerId, departmentId: department.id, assignedBy }, note: reason },
      ];
      if (appointmentAt) {
        // 第一篇 二.4(5), DESIGN decision 10: the appointment's own clock; the history says what it does to the 24 hours.
        const met = this.work.policy.appointments.responseClock === 'met';
        history.push({
          action: 'appointment_booked',
          after: { appointmentAt: appointmentAt.toISOString(), responseClock: this.work.policy.appointments.responseClock },
          note: met ? '已与业主约定约谈时间：24小时答复时限以约定的约谈满足' : '已与业主约定约谈时间：24小时答复时限暂停至约谈时间',
        });
      }
      // 第九条: the clerk said this is another matter than the caller's open ones; which ones stays on record.
      if (passedOver.length) history.push({ action: 'new_matter', after: { openMatches: passedOver }, note: '来电人的另一件事：新立工单，单独计时' });
      // 第七条 听清楚/问清楚 confirmed while recording: the checklist ticks them (its reaction), the history says so after 受理.
      const confirmed = hasFiveClears(dto.disposition, status) ? [...new Set(dto.confirmedClears ?? [])] : [];
      for (const item of confirmed) history.push({ action: 'checklist_ticked', after: { item, source: 'intake' }, note: INTAKE_CLEAR_NOTE[item] });
      if (receivedAt.getTime() !== now.getTime()) {
        history.push({ action: 'backdated', after: { receivedAt: receivedAt.toISOString(), registeredAt: now.toISOString() } });
      }
      // Everyone the answer names was read above: the view needs no further round trip. Its reference is the
      // number the last statement takes.
      const people = new Map<string, PersonSummary>();
      for (const p of [firstResponder, named, department.supervisor]) if (p) people.set(p.id, { id: p.id, name: p.name });
      // The caller is the first responder: they typed the resident's details and see them.
      const view = toTicketView(ticket, people, new Map([[department.id, department]]), { maskResident: false });
      const answer: IntakeResultView = { outcome: 'created', ticket: view };
      // The recurring-problem sighting is written first; the day's number last, with the ticket, its history, the
      // event that carries it, the rows its reactions join (clocks, checklist, scoring term) and the answer's record.
      await this.work.bus.publishNumbered(
        em,
        {
          name: 'ticket.received',
          ticketId: ticket.id,
          actorId: actor.id,
          payload: {
            reference: ticket.reference,
            kind: ticket.kind,
            channel: dto.channel,
            category: dto.category,
            severity: dto.severity,
            disposition: dto.disposition,
            departmentId: department.id,
            handlerId,
            firstResponderId: actor.id,
            receivedAt: receivedAt.toISOString(),
            writtenReplyRequested: ticket.writtenReplyRequested,
            status,
            community: ticket.community,
            building: ticket.building,
            place: place ? { placeId: place.placeId, communityId: place.communityId, buildingId: place.buildingId } : null,
            appointmentAt: appointmentAt?.toISOString() ?? null,
            confirmedClears: confirmed,
          },
        },
        (event, last) => this.insertNumbered(em, ticket, history, actor.id, now, event, answerIsLast ? answer : null, answerIsLast && last),
      );
      view.reference = ticket.reference;
      return answer;
    }
  }

  /** The register's names for the address's placeId (第九条 then groups by the register's places), or null for free text. */
  private async registeredAddress(em: EntityManager, dto: CreateTicketDto): Promise<RegisteredAddress | null> {
    const placeId = dto.complainant.address.placeId;
    if (!placeId) return null;
    const found = await this.places.resolve(placeId, em);
    if (found === null) throw invalidInput('complainant.address.placeId', 'no such place in the register');
    if (found === 'inactive') throw invalidInput('complainant.address.placeId', 'the place is deactivated in the register');
    return found;
  }

  private receivedAt(raw: string | undefined, now: Date): Date {
    if (!raw) return now;
    const at = new Date(raw);
    if (at.getTime() > now.getTime()) throw invalidInput('receivedAt', 'must not be in the future');
    if (now.getTime() - at.getTime() > this.work.policy.intake.maxBackdateMinutes * 60_000) {
      throw invalidInput('receivedAt', `may be at most ${this.work.policy.intake.maxBackdateMinutes / 60} hours in the past`);
    }
    return at;
  }

  private async recordRepeatContact(
    em: EntityManager,
    ticket: Ticket,
    dto: CreateTicketDto,
    phone: string,
    actor: Principal,
    now: Date,
  ): Promise<IntakeResultView> {
    const { identifiers } = await em.getRepository(TicketContact).insert({
      ticketId: ticket.id,
      recordedById: actor.id,
      channel: dto.channel,
      complainantName: dto.complainant.name,
      complainantPhone: phone,
      summary: dto.summary,
      at: now,
    });
    const repeatCount = ticket.repeatCount + 1;
    await this.work.writer.save(em, ticket, { repeatCount, lastActivityAt: now });
    // Which way the clerk linked it: chose "same matter", or named the related ticket.
    const linkedBy = dto.match?.choice === 'same' ? 'match_same' : dto.relatedTicketId ? 'related_ticket' : 'phone';
    await this.work.writer.history(em, ticket.id, actor.id, now, {
      action: 'repeat_contact',
      after: { channel: dto.channel, repeatCount, linkedBy, category: dto.category },
      note: dto.summary,
    });
    await this.work.bus.publish(em, {
      name: 'ticket.repeat_contact',
      ticketId: ticket.id,
      actorId: actor.id,
      payload: { contactId: identifiers[0].id as string, channel: dto.channel, repeatCount },
    });
    const [matter] = await this.matches.matters(em, [ticket]);
    if (!canSee(actor, ticket)) return { outcome: 'repeat_contact', ticket: null, matter };
    return { outcome: 'repeat_contact', ticket: await this.work.tickets.view(em, ticket, actor), matter };
  }

  private async checkEarlier(em: EntityManager, earlierId: string, actor: Principal): Promise<void> {
    const earlier = await em.getRepository(Ticket).findOne({
      where: { id: earlierId },
      select: { id: true, status: true, firstResponderId: true, handlerId: true, departmentId: true },
    });
    // Invisible is 404 before the rule check: "still open" would tell the ticket exists.
    if (!earlier || !canSee(actor, earlier)) throw notFound('notReaccepted.earlierTicketId: ticket', earlierId);
    if (earlier.status !== 'closed') {
      throw ruleViolated(
        TicketRuleCode.NotReacceptedEarlierClosed,
        'only a closed matter can be refused as not accepted again; the earlier ticket is still open',
        { field: 'notReaccepted.earlierTicketId' },
      );
    }
  }

  /**
   * Inserts the ticket, its history rows and its `ticket.received` event (with outbox rows) with the day's next
   * reference (TS-20261128-0007: numbered per registration day in the business time zone, without gaps), in one
   * statement. The counter row stays locked until COMMIT and serialises every intake of the day, so it is taken
   * last: after every read and every other write (nothing references the ticket row by a foreign key), so that
   * only this statement and the COMMIT run under its lock. The Idempotency-Key's record of the answer joins it
   * when the answer is the transaction's (`answer`); for a complaint major at intake, the leader report follows it.
   */
  private async insertNumbered(
    em: EntityManager,
    t: Ticket,
    history: HistoryEntry[],
    actorId: string,
    now: Date,
    eventWrite: (firstParam: number) => EventWrite,
    answer: IntakeResultView | null,
    commits: boolean,
  ): Promise<string> {
    const event = eventWrite(44);
    const record =
      answer && this.work.uow.recordWithin(em, answer, 44 + event.params.length, { path: ['ticket', 'reference'], sql: '(SELECT reference FROM t)' });
    const day = DateTime.fromJSDate(now, { zone: this.work.policy.company.timeZone });
    // The received history row names the reference, which only the statement knows: it is added there.
    // The transaction's last statement (the answer is the transaction's, and nothing reacts after the number):
    // its COMMIT goes right behind it.
    const numbered = (sql: string, parameters: unknown[]): Promise<{ reference: string }[]> =>
      commits ? this.work.uow.commitWith(em, sql, parameters) : em.query(sql, parameters);
    const [{ reference }] = await numbered(
      `${CACHED_PLAN}WITH n AS (
         INSERT INTO ticket_reference_counter (day, last) VALUES ($1, 1)
         ON CONFLICT (day) DO UPDATE SET last = ticket_reference_counter.last + 1 RETURNING last
       ), t AS (
         INSERT INTO ticket (reference, id, channel, status, disposition, severity, category, complainant_name, complainant_phone,
           community, building, unit, room, summary, requests, first_responder_id, handler_id, department_id, referred_to,
           written_reply_requested, earlier_ticket_id, not_reaccepted_reason, appointment_at, on_the_spot_answer, related_ticket_id,
           repeat_count, reopen_count, received_at, registered_at, last_activity_at, resolved_at, closed_at, version, appointment_state, kind, place_id)
         VALUES ((SELECT $2::text || CASE WHEN last < 10000 THEN lpad(last::text, 4, '0') ELSE last::text END FROM n),
           $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26,
           $27, $28, $29, $30, $31, $32, $33, $34, $41, $42, $43)
         RETURNING id, reference
       ), h AS (
         INSERT INTO ticket_history (ticket_id, actor_id, action, before, after, note, at)
         SELECT t.id, $35, e.action, e.before,
                CASE WHEN e.action = 'received' THEN jsonb_build_object('reference', t.reference) || e.after ELSE e.after END, e.note, $36
           FROM t, unnest($37::text[], $38::jsonb[], $39::jsonb[], $40::text[]) WITH ORDINALITY AS e(action, before, after, note, ord)
          ORDER BY e.ord
       ), ${event.ctes}${record ? `, idempotency_record AS (${record.sql})` : ''}
       SELECT t.reference, ${event.notify} FROM t`,
      [
        day.toISODate(),
        `${this.work.policy.intake.referencePrefix}-${day.toFormat('yyyyLLdd')}-`,
        t.id,
        t.channel,
        t.status,
        t.disposition,
        t.severity,
        t.category,
        t.complainantName,
        t.complainantPhone,
        t.community,
        t.building,
        t.unit,
        t.room,
        t.summary,
        t.requests,
        t.firstResponderId,
        t.handlerId,
        t.departmentId,
        t.referredTo,
        t.writtenReplyRequested,
        t.earlierTicketId,
        t.notReacceptedReason,
        t.appointmentAt,
        t.onTheSpotAnswer,
        t.relatedTicketId,
        t.repeatCount,
        t.reopenCount,
        t.receivedAt,
        t.registeredAt,
        t.lastActivityAt,
        t.resolvedAt,
        t.closedAt,
        t.version,
        actorId,
        now,
        history.map((e) => e.action),
        history.map((e) => historyJson(e.before)),
        history.map((e) => historyJson(e.after)),
        history.map((e) => e.note ?? null),
        t.appointmentState,
        t.kind,
        t.placeId,
        ...event.params,
        ...(record?.params ?? []),
      ],
    );
    t.reference = reference;
    return reference;
  }
}

/**
 * The address of a registered place: its levels from the register, and the finer ones it does not have (a room not
 * registered yet in a registered building) from the text, so that nothing the caller said is dropped.
 */
function underPlace(place: RegisteredAddress, text: CreateTicketDto['complainant']['address']) {
  const depth = place.room ? 3 : place.unit ? 2 : place.building ? 1 : 0;
  return {
    community: place.community,
    building: place.building ?? (depth < 1 ? text.building : null),
    unit: place.unit ?? (depth < 2 ? text.unit : null),
    room: place.room ?? (depth < 3 ? text.room : null),
  };
}
