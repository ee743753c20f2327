import { Injectable } from '@nestjs/common';
import { MoreThanOrEqual, Not, type EntityManager } from 'typeorm';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { TicketDeadlines } from './ticket-deadlines.js';
import { TicketHistory } from './ticket-history.entity.js';
import { TicketReply } from './ticket-reply.entity.js';
import { Ticket } from './ticket.entity.js';
import type { TicketStatus } from './ticket.types.js';

/** What the resident was told about their ticket (DESIGN: who may see what): never staff notes, never the history itself. */
export interface ResidentToldFacts {
  ticketId: string;
  reference: string;
  category: string;
  status: TicketStatus;
  receivedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  firstResponderId: string;
  department: { name: string };
  handler: { name: string };
  /** 第八条(二) 确定回复时间: the latest promised reply time, else the next deadline of the ticket's clocks. */
  replyBy: Date | null;
  /** 复清楚: the answers given to the resident, oldest first. */
  answers: Array<{ via: string; content: string; final: boolean; at: Date }>;
}

/**
 * The tickets module's read for the residents' page: the facts a resident may be told, and an earlier online
 * submission of the same matter. The residents' module reads tickets through this, never their tables.
 */
@Injectable()
export class ResidentTold {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly deadlines: TicketDeadlines,
  ) {}

  /** 第九条: an open ticket with the same phone, category and description registered since `since`. */
  async sameSubmission(em: EntityManager, phone: string, category: string, summary: string, since: Date): Promise<{ id: string; reference: string } | null> {
    const found = await em.getRepository(Ticket).findOne({
      where: { complainantPhone: phone, category, summary, status: Not('closed'), registeredAt: MoreThanOrEqual(since) },
      select: { id: true, reference: true },
      order: { registeredAt: 'ASC' },
    });
    return found ? { id: found.id, reference: found.reference } : null;
  }

  async facts(em: EntityManager, ticketId: string): Promise<ResidentToldFacts | null> {
    const t = await em.getRepository(Ticket).findOne({ where: { id: ticketId } });
    if (!t) return null;
    const [replies, promised, people, departments, due] = await Promise.all([
      em.getRepository(TicketReply).find({ where: { ticketId }, order: { at: 'ASC', id: 'ASC' } }),
      em.getRepository(TicketHistory).findOne({ where: { ticketId, action: 'promised' }, order: { id: 'DESC' } }),
      this.directory.people([t.handlerId], em),
      this.directory.departments([t.departmentId], em),
      this.deadlines.nextDue([t.id], em),
    ]);
    const promisedAt = typeof promised?.after?.replyBy === 'string' ? new Date(promised.after.replyBy) : null;
    return {
      ticketId: t.id,
      reference: t.reference,
      category: t.category,
      status: t.status,
      receivedAt: t.receivedAt,
      resolvedAt: t.resolvedAt,
      closedAt: t.closedAt,
      firstResponderId: t.firstResponderId,
      department: { name: departments.get(t.departmentId)?.name ?? '' },
      handler: { name: people.get(t.handlerId)?.name ?? '' },
      replyBy: promisedAt ?? due.get(t.id) ?? null,
      answers: replies.map((r) => ({ via: r.via, content: r.content, final: r.final, at: r.at })),
    };
  }
}
