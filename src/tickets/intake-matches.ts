import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { ROUTING_DEPARTMENT, routingDepartmentOf, StaffDirectory, type RoutingDepartment, type RoutingDepartmentRow } from '../org/staff-directory.service.js';
import type { CreateTicketDto } from './dto/create-ticket.dto.js';
import type { EarlierMatterView, IntakeMatchView } from './dto/intake-matches.dto.js';
import type { RepeatMatterView } from './dto/ticket.view.js';
import { canSee } from './ticket-access.js';
import { TicketRuleCode } from './ticket.rule-codes.js';
import { TicketDeadlines } from './ticket-deadlines.js';
import { Ticket } from './ticket.entity.js';
import { CACHED_PLAN } from '../database/plan-cache.js';
import type { ClaimRead } from '../idempotency/idempotent-work.js';

/**
 * The open matter a call joins (a repeat contact); or a new matter, with the open matches the clerk passed over
 * and the department its category routes to (null: no department has the policy's code).
 */
export type OpenMatter = { repeatOf: Ticket } | { repeatOf: null; passedOver: string[]; department: RoutingDepartment | null };

/** The probe's row: the routing department's columns and whether the caller has an open ticket of the category. */
type Probe = RoutingDepartmentRow & { caller_has_open: boolean };

/**
 * Whether the caller has an open ticket of the category. Most callers have none: a plain statement says so without
 * building the entity query (TypeORM's query building was 0.2 ms of the app's time per intake, docs/benchmarks.md).
 */
const CALLER_HAS_OPEN = (phoneParam: string, categoryParam: string) =>
  `EXISTS (SELECT 1 FROM ticket WHERE complainant_phone = ${phoneParam} AND category = ${categoryParam} AND status <> 'closed')`;

/**
 * 第九条: the caller's open tickets of one category (same phone), for the clerk to say "same matter" or
 * "new matter" (DESIGN decision 9). A match may be another department's ticket: it is told as the desk may
 * tell it to the resident, never with the resident's data or the handling notes.
 */
@Injectable()
export class IntakeMatches {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly deadlines: TicketDeadlines,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /**
   * 第六条, 第九条 (DESIGN decision 9): which open matter this call is about, if any. The clerk decides: `match.choice`
   * `same` names the open ticket by reference (a repeat contact on it, whichever category), `new` files another
   * matter. An explicit relatedTicketId of the same category is the clerk's "same". Without a choice, open tickets
   * with the same phone and category refuse the intake (409, `details.matches`) and nothing is recorded.
   * A ticket the caller may not see is 404 unless it is the caller's own by phone: the desk logs every call.
   */
  async openMatter(
    em: EntityManager,
    dto: CreateTicketDto,
    phone: string,
    actor: Principal,
    departmentCode: string,
    probed: Record<string, unknown> | null = null,
  ): Promise<OpenMatter> {
    const choice = dto.match?.choice;
    const newMatter = async (passedOver: string[] = []): Promise<OpenMatter> => ({
      repeatOf: null,
      passedOver,
      department: await this.directory.routingDepartment(departmentCode, em),
    });
    if (dto.disposition === 'not_reaccepted') {
      if (choice === 'same') throw invalidInput('match.choice', 'a not_reaccepted intake refers to a closed matter by notReaccepted.earlierTicketId');
      return newMatter();
    }
    const repo = em.getRepository(Ticket);
    if (choice === 'same') {
      if (dto.relatedTicketId) throw invalidInput('relatedTicketId', 'with match.choice same the matter is named by match.reference only');
      const chosen = await repo.findOne({ where: { reference: dto.match!.reference! }, lock: { mode: 'pessimistic_write' } });
      if (!chosen || (!canSee(actor, chosen) && chosen.complainantPhone !== phone)) throw notFound('match.reference: ticket', dto.match!.reference);
      if (chosen.status === 'closed') {
        throw ruleViolated(TicketRuleCode.MatchedMatterClosed, `${chosen.reference} is closed: record it as not_reaccepted, or as a new matter`, {
          field: 'match.reference',
        });
      }
      return { repeatOf: chosen };
    }
    if (dto.relatedTicketId) {
      const related = await repo.findOne({ where: { id: dto.relatedTicketId }, lock: { mode: 'pessimistic_write' } });
      if (!related || !canSee(actor, related)) throw notFound('relatedTicketId: ticket', dto.relatedTicketId);
      // A closed matter, or one the clerk says is another: a new ticket that keeps the link.
      if (related.status === 'closed' || choice === 'new') return newMatter(related.status === 'closed' ? [] : [related.reference]);
      if (related.category !== dto.category) {
        throw ruleViolated(
          TicketRuleCode.RelatedOtherCategory,
          `relatedTicketId is a ${related.category} ticket and this intake is ${dto.category}: choose match.choice same (with its reference) or new`,
          { field: 'relatedTicketId' },
        );
      }
      return { repeatOf: related };
    }
    const read = this.probe(dto, phone, departmentCode);
    if (!read) return newMatter();
    // Most intakes take this path, and most callers have no open ticket of the category. The probe's row came with
    // the Idempotency-Key's claim (`probed`), or is read now.
    const [probe] = (probed ? [probed] : await em.query(`${CACHED_PLAN}${read.sql((i) => `$${i + 1}`)}`, read.params)) as Probe[];
    const department = routingDepartmentOf(probe);
    if (!probe.caller_has_open) return { repeatOf: null, passedOver: [], department };
    const open = await this.openTickets(em, phone, dto.category);
    if (choice === 'new') return { repeatOf: null, passedOver: open.map((t) => t.reference), department };
    throw new DomainError(
      DomainErrorCode.Duplicate,
      `the caller has ${open.length} open ${dto.category} ticket(s): send match.choice same (with the reference) or new; nothing was recorded`,
      { rule: TicketRuleCode.MatchChoiceRequired, matches: await this.views(em, open, actor) },
    );
  }

  /**
   * The plain path's read (no clerk's choice of the same matter, no related ticket, not a refusal, repeat contacts
   * linked): whether the caller has an open ticket of the category, and the routing department in the same row.
   * Null on the other paths. The intake hands it to the Idempotency-Key's claim to carry (IdempotentWork.run):
   * nothing it reads is written under the key's lock.
   */
  probe(dto: CreateTicketDto, phone: string, departmentCode: string): ClaimRead | null {
    const plain = dto.disposition !== 'not_reaccepted' && dto.match?.choice !== 'same' && !dto.relatedTicketId;
    if (!plain || !this.policy.intake.linkRepeatContacts) return null;
    return {
      sql: (p) => `SELECT ${ROUTING_DEPARTMENT.columns}, ${CALLER_HAS_OPEN(p(0), p(1))} AS caller_has_open FROM ${ROUTING_DEPARTMENT.from(p(2))}`,
      params: [phone, dto.category, departmentCode],
    };
  }

  /** Open tickets with this (normalised) phone and category, oldest first. */
  async find(em: EntityManager, phone: string, category: string): Promise<Ticket[]> {
    const [{ caller_has_open }] = await em.query(`${CACHED_PLAN}SELECT ${CALLER_HAS_OPEN('$1', '$2')} AS caller_has_open`, [phone, category]);
    return caller_has_open ? this.openTickets(em, phone, category) : [];
  }

  private openTickets(em: EntityManager, phone: string, category: string): Promise<Ticket[]> {
    return em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.complainantPhone = :phone AND t.category = :category AND t.status <> :closed', { phone, category, closed: 'closed' })
      .orderBy('t.receivedAt', 'ASC')
      .limit(this.policy.intake.maxMatches)
      .getMany();
  }

  /** 第九条: the caller's closed tickets of the category (same phone), the latest closed first: their earlier matters. */
  async earlier(em: EntityManager, phone: string, category: string, viewer: Principal): Promise<EarlierMatterView[]> {
    const closed = await em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.complainantPhone = :phone AND t.category = :category AND t.status = :closed', { phone, category, closed: 'closed' })
      .orderBy('t.closedAt', 'DESC')
      .addOrderBy('t.receivedAt', 'DESC')
      .limit(this.policy.intake.maxMatches)
      .getMany();
    const views = await this.views(em, closed, viewer);
    return views.map((v, i) => ({ ...v, closedAt: closed[i].closedAt?.toISOString() ?? null }));
  }

  async views(em: EntityManager, tickets: Ticket[], viewer: Principal): Promise<IntakeMatchView[]> {
    const matters = await this.matters(em, tickets);
    return tickets.map((t, i) => {
      const visible = canSee(viewer, t);
      return { ...matters[i], receivedAt: t.receivedAt.toISOString(), ticketId: visible ? t.id : null, summary: visible ? t.summary : null };
    });
  }

  /** What the desk may tell the caller: reference, status, department, handler's name, next due time. */
  async matters(em: EntityManager, tickets: Ticket[]): Promise<RepeatMatterView[]> {
    if (!tickets.length) return [];
    const [people, departments, due] = await Promise.all([
      this.directory.people(
        tickets.map((t) => t.handlerId),
        em,
      ),
      this.directory.departments(
        tickets.map((t) => t.departmentId),
        em,
      ),
      this.deadlines.nextDue(
        tickets.map((t) => t.id),
        em,
      ),
    ]);
    return tickets.map((t) => {
      const department = departments.get(t.departmentId);
      return {
        reference: t.reference,
        status: t.status,
        department: department ? { id: department.id, code: department.code, name: department.name } : { id: t.departmentId, code: '?', name: '(unknown)' },
        handlerName: people.get(t.handlerId)?.name ?? '(unknown)',
        nextDueAt: due.get(t.id)?.toISOString() ?? null,
      };
    });
  }
}
