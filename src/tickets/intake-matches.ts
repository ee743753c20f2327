import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { IntakeMatchView } from './dto/intake-matches.dto.js';
import type { RepeatMatterView } from './dto/ticket.view.js';
import { canSee } from './ticket-access.js';
import { TicketDeadlines } from './ticket-deadlines.js';
import { Ticket } from './ticket.entity.js';

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

  /** Open tickets with this (normalised) phone and category, oldest first. */
  async find(em: EntityManager, phone: string, category: string): Promise<Ticket[]> {
    return em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.complainantPhone = :phone AND t.category = :category AND t.status <> :closed', { phone, category, closed: 'closed' })
      .orderBy('t.receivedAt', 'ASC')
      .limit(this.policy.intake.maxMatches)
      .getMany();
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
