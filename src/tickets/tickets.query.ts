import { Inject, Injectable } from '@nestjs/common';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { notFound } from '../common/errors/domain-error.js';
import { decodeCursor, encodeCursor } from '../common/http/cursor.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { ListTicketsQuery } from './dto/list-tickets.query.js';
import type { ContactView, HandoffView, HistoryView, ReplyView, TicketDetailView, TicketPageView, TicketView } from './dto/ticket.view.js';
import { canSee, seesResidentData } from './ticket-access.js';
import { TicketVisibility } from './ticket-visibility.js';
import { maskName, maskPhonesDeep, maskPhonesInText } from './resident-data.js';
import { TicketContact } from './ticket-contact.entity.js';
import { TicketDetailSections } from './ticket-detail-sections.js';
import { TicketHistory } from './ticket-history.entity.js';
import { TicketReply } from './ticket-reply.entity.js';
import { toTicketView } from './ticket-views.js';
import { Ticket } from './ticket.entity.js';

const iso = (d: Date) => new Date(d).toISOString();

/** Reads of tickets: pages, the detail with its history, ownership trail and other modules' sections. */
export interface TicketAudience {
  reference: string;
  departmentId: string;
  handlerId: string;
  firstResponderId: string;
}

@Injectable()
export class TicketsQuery {
  constructor(
    private readonly db: DataSource,
    private readonly directory: StaffDirectory,
    private readonly sections: TicketDetailSections,
    private readonly visibility: TicketVisibility,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async view(em: EntityManager, ticket: Ticket, viewer: Principal): Promise<TicketView> {
    const [people, departments] = await Promise.all([
      this.directory.people([ticket.firstResponderId, ticket.handlerId], em),
      this.directory.departments([ticket.departmentId], em),
    ]);
    return toTicketView(ticket, people, departments, { maskResident: !(await this.visibility.seesResidentData(em, viewer, ticket)) });
  }

  /** The ticket if the viewer sees it as its own or through a registered grant (else 404): for the module that grants it. */
  async seen(em: EntityManager, id: string, viewer: Principal): Promise<Ticket> {
    const ticket = await em.getRepository(Ticket).findOne({ where: { id } });
    if (!ticket || !(await this.visibility.access(em, viewer, ticket))) throw notFound('ticket', id);
    return ticket;
  }

  /** The ticket if the viewer may see it (else 404): for other modules' commands on a ticket. */
  async visible(em: EntityManager, id: string, viewer: Principal): Promise<Ticket> {
    const ticket = await em.getRepository(Ticket).findOne({ where: { id } });
    if (!ticket || !canSee(viewer, ticket)) throw notFound('ticket', id);
    return ticket;
  }

  /** Each ticket's reference (TS-…), for notices that name it; in the caller's transaction. Not scoped: no viewer. */
  async referencesOf(ids: string[], em: EntityManager = this.db.manager): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; reference: string }[] = await em.query('SELECT id, reference FROM ticket WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((t) => [t.id, t.reference]));
  }

  /**
   * Who a ticket concerns, for routing live events to viewers (its department, handler and first
   * responder): no viewer filter, because the live streams filter each event by viewer themselves.
   */
  async audiences(ids: string[]): Promise<Map<string, TicketAudience>> {
    if (!ids.length) return new Map();
    const rows: { id: string; reference: string; department_id: string; handler_id: string; first_responder_id: string }[] = await this.db.query(
      'SELECT id, reference, department_id, handler_id, first_responder_id FROM ticket WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(
      rows.map((t) => [t.id, { reference: t.reference, departmentId: t.department_id, handlerId: t.handler_id, firstResponderId: t.first_responder_id }]),
    );
  }

  /**
   * First responder and current handler of each ticket, for after-commit consumers that tell the first
   * responder what happens to a ticket they handed off (第二条, 第七条(三) 跟清楚). Not scoped: no viewer.
   */
  async owners(ids: string[], em: EntityManager = this.db.manager): Promise<Map<string, { firstResponderId: string; handlerId: string }>> {
    if (!ids.length) return new Map();
    const rows = await em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.firstResponderId', 't.handlerId'])
      .where('t.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((t) => [t.id, { firstResponderId: t.firstResponderId, handlerId: t.handlerId }]));
  }

  /** Tickets not yet closed that their first responder handed off (someone else handles them), oldest first. */
  async handedOff(em: EntityManager = this.db.manager): Promise<Array<{ id: string; reference: string; firstResponderId: string; handlerId: string }>> {
    const rows = await em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.reference', 't.firstResponderId', 't.handlerId'])
      .where(`t.status <> 'closed' AND t.first_responder_id <> t.handler_id`)
      .orderBy('t.received_at', 'ASC')
      .getMany();
    return rows.map((t) => ({ id: t.id, reference: t.reference, firstResponderId: t.firstResponderId, handlerId: t.handlerId }));
  }

  /** Whether the reply is one of the ticket's (for other modules attaching things to a reply). */
  async isReplyOf(em: EntityManager, ticketId: string, replyId: string): Promise<boolean> {
    return em.getRepository(TicketReply).exists({ where: { id: replyId, ticketId } });
  }

  /** Reference and receipt time of those of `ids` the viewer may see, oldest first (for other modules' lists). */
  async references(ids: string[], viewer: Principal, em: EntityManager = this.db.manager): Promise<{ id: string; reference: string; receivedAt: string }[]> {
    if (!ids.length) return [];
    const visible = this.visibility.sql(viewer);
    const rows = await em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.reference', 't.receivedAt'])
      .where('t.id IN (:...ids)', { ids })
      .andWhere(visible.sql, visible.params)
      .orderBy('t.received_at', 'ASC')
      .getMany();
    return rows.map((t) => ({ id: t.id, reference: t.reference, receivedAt: iso(t.receivedAt) }));
  }

  async list(q: ListTicketsQuery, viewer: Principal): Promise<TicketPageView> {
    const limit = q.limit ?? 50;
    const visible = this.visibility.sql(viewer);
    const qb = this.db.getRepository(Ticket).createQueryBuilder('t').where(visible.sql, visible.params);
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.departmentId) qb.andWhere('t.department_id = :departmentId', { departmentId: q.departmentId });
    if (q.handlerId) qb.andWhere('t.handler_id = :handlerId', { handlerId: q.handlerId });
    if (q.firstResponderId) qb.andWhere('t.first_responder_id = :firstResponderId', { firstResponderId: q.firstResponderId });
    if (q.channel) qb.andWhere('t.channel = :channel', { channel: q.channel });
    if (q.category) qb.andWhere('t.category = :category', { category: q.category });
    if (q.severity) qb.andWhere('t.severity = :severity', { severity: q.severity });
    if (q.kind) qb.andWhere('t.kind = :kind', { kind: q.kind });
    if (q.mine === 'received') qb.andWhere('t.first_responder_id = :me', { me: viewer.id });
    if (q.mine === 'handling') qb.andWhere('t.handler_id = :me', { me: viewer.id });
    if (q.receivedFrom) qb.andWhere('t.received_at >= :from', { from: q.receivedFrom });
    if (q.receivedTo) qb.andWhere('t.received_at < :to', { to: q.receivedTo });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(`(t.summary ILIKE :like OR t.requests ILIKE :like OR t.reference ILIKE :like OR t.complainant_name ILIKE :like OR t.community ILIKE :like)`, {
        like,
      });
    }
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor);
      qb.andWhere('(t.received_at, t.id) < (:at, :id)', { at, id });
    }
    qb.orderBy('t.received_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit + 1);
    const rows = q.q ? await this.searched(qb, q.q, limit, q.cursor) : await qb.getMany();
    const page = rows.slice(0, limit);
    const [people, departments] = await Promise.all([
      this.directory.people(page.flatMap((t) => [t.firstResponderId, t.handlerId])),
      this.directory.departments(page.map((t) => t.departmentId)),
    ]);
    return {
      items: page.map((t) => toTicketView(t, people, departments, { maskResident: !seesResidentData(viewer, t) })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].receivedAt, page[page.length - 1].id) : null,
    };
  }

  /**
   * A text search's page. A common term fills the page from the newest tickets, which the ILIKE finds by
   * walking the (received_at, id) index; a rare one would walk the whole table that way, so it goes
   * through the GIN index of the tickets' grams (TicketSearchGrams migration) and the same ILIKE. The
   * planner cannot tell the two apart (it takes a term's bigrams as independent), so the page first
   * tries the newest `search.recentWindow` tickets (after the cursor) and takes the index only when they do not
   * fill it. Either way the rows are the ILIKE's, in the list's order.
   */
  private async searched(qb: SelectQueryBuilder<Ticket>, term: string, limit: number, cursor?: string): Promise<Ticket[]> {
    const after = cursor ? decodeCursor(cursor) : null;
    const [edge]: { received_at: Date; id: string }[] = await this.db.query(
      `SELECT received_at, id FROM ticket WHERE $1::timestamptz IS NULL OR (received_at, id) < ($1::timestamptz, $2::uuid)
        ORDER BY received_at DESC, id DESC OFFSET $3 LIMIT 1`,
      [after?.[0] ?? null, after?.[1] ?? null, this.policy.search.recentWindow - 1],
    );
    if (edge) {
      const newest = await qb.clone().andWhere('(t.received_at, t.id) >= (:edgeAt, :edgeId)', { edgeAt: edge.received_at, edgeId: edge.id }).getMany();
      if (newest.length > limit) return newest;
    }
    return qb
      .clone()
      .andWhere(`ticket_search_grams(t.summary, t.requests, t.reference, t.complainant_name, t.community) @> search_query_grams(:term::text)`, { term })
      .getMany();
  }

  async detail(id: string, viewer: Principal): Promise<TicketDetailView> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const ticket = await em.getRepository(Ticket).findOne({ where: { id } });
      if (!ticket || !(await this.visibility.access(em, viewer, ticket))) throw notFound('ticket', id);
      const [history, replies, contacts] = await Promise.all([
        em.getRepository(TicketHistory).find({ where: { ticketId: id }, order: { id: 'ASC' } }),
        em.getRepository(TicketReply).find({ where: { ticketId: id }, order: { at: 'ASC' } }),
        em.getRepository(TicketContact).find({ where: { ticketId: id }, order: { at: 'ASC' } }),
      ]);
      const ids = new Set<string>([ticket.firstResponderId, ticket.handlerId]);
      for (const h of history) {
        if (h.actorId) ids.add(h.actorId);
        for (const side of [h.before, h.after]) if (typeof side?.handlerId === 'string') ids.add(side.handlerId);
      }
      replies.forEach((r) => ids.add(r.authorId));
      contacts.forEach((c) => ids.add(c.recordedById));
      const people = await this.directory.people(ids, em);
      const departments = await this.directory.departments([ticket.departmentId], em);
      const person = (pid: string | null | undefined) => (pid ? (people.get(pid) ?? { id: pid, name: '(unknown)' }) : null);
      const mask = !(await this.visibility.seesResidentData(em, viewer, ticket));
      const text = (v: string | null) => (mask && v !== null ? maskPhonesInText(v) : v);
      const json = <T>(v: T): T => (mask ? maskPhonesDeep(v) : v);

      const historyViews: HistoryView[] = history.map((h) => ({
        id: h.id,
        action: h.action,
        actor: person(h.actorId),
        before: json(h.before),
        after: json(h.after),
        note: text(h.note),
        at: iso(h.at),
      }));
      const ownership: HandoffView[] = history
        .filter((h) => h.action === 'assigned' || h.action === 'handed_off')
        .map((h) => ({
          by: person(h.actorId),
          from: person(h.before?.handlerId as string | undefined),
          to: person(h.after?.handlerId as string)!,
          reason: text(h.note),
          at: iso(h.at),
        }));
      const replyViews: ReplyView[] = replies.map((r) => ({
        id: r.id,
        author: person(r.authorId)!,
        kind: r.kind,
        via: r.via,
        content: text(r.content)!,
        final: r.final,
        languageFlags: r.flagged.map((expression, i) => ({ expression, category: r.flaggedCategories[i] ?? null })),
        at: iso(r.at),
      }));
      const contactViews: ContactView[] = contacts.map((c) => ({
        id: c.id,
        channel: c.channel,
        complainantName: mask ? maskName(c.complainantName) : c.complainantName,
        summary: text(c.summary)!,
        recordedBy: person(c.recordedById)!,
        at: iso(c.at),
      }));
      return {
        ...toTicketView(ticket, people, departments, { maskResident: mask }),
        history: historyViews,
        ownership,
        replies: replyViews,
        repeatContacts: contactViews,
        sections: json(await this.sections.render(id, em, viewer)),
      };
    });
  }
}
