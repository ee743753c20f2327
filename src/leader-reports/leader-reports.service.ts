import { Injectable } from '@nestjs/common';
import { TicketWork } from '../tickets/ticket-work.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { DomainError, DomainErrorCode, ruleViolated } from '../common/errors/domain-error.js';
import { decodeCursor, encodeCursor, pageOf } from '../common/http/cursor.js';
import { monthRange, monthRuleOf } from '../config/statistical-month.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { maskPhonesInText } from '../tickets/resident-data.js';
import { seesResidentData, visibilitySql } from '../tickets/ticket-access.js';
import { LeaderReport, type ImportantMatter, type LeaderReportReason } from './leader-report.entity.js';
import type { LeaderReportPageView, LeaderReportView } from './leader-report.view.js';
import { LeaderReportRuleCode } from './leader-reports.rule-codes.js';

export const MATTER_ZH: Record<ImportantMatter, string> = { many_reports: '反映较多', wide_impact: '影响较大', vital_interests: '涉及群众切身利益' };
export const REASON_ZH: Record<LeaderReportReason, string> = { major: '重大投诉', important: '重要事项' };

export interface LeaderReportInput {
  ticketId: string;
  reference: string;
  reason: LeaderReportReason;
  matters: ImportantMatter[];
  content: string;
  reporterId: string | null;
  /** Who holds the ticket: the report goes over their head, never back to them (第七条(六)). */
  holderId: string;
  at: Date;
}

type Row = LeaderReport & { reference: string; firstResponderId: string; handlerId: string; departmentId: string };

/** The CSV export's cap: a month of reports fits many times over. */
const EXPORT_MAX = 10_000;

/**
 * 第七条(六) 重大投诉必须马上报部门主管或公司领导, 第一篇 一.8 重要事项书面报告: the written report to company
 * leaders, its recipients from the policy, kept as evidence, in the ticket's history and exportable.
 */
@Injectable()
export class LeaderReports {
  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
  ) {}

  /** The company leaders a report goes to: active staff with a recipient role, never the holder of the ticket. */
  async recipients(em: EntityManager, holderId: string): Promise<{ id: string; name: string }[]> {
    const people = new Map<string, { id: string; name: string }>();
    for (const role of this.work.policy.leaderReports.recipientRoles) for (const p of await this.work.directory.withRole(role, em)) people.set(p.id, p);
    people.delete(holderId);
    return [...people.values()];
  }

  /** Records a report in the caller's transaction, with its history row and event; null when nobody can receive it. */
  async record(em: EntityManager, input: LeaderReportInput): Promise<LeaderReport | null> {
    const recipients = await this.recipients(em, input.holderId);
    if (!recipients.length) return null;
    const repo = em.getRepository(LeaderReport);
    const report = await repo.save(
      repo.create({
        ticketId: input.ticketId,
        reason: input.reason,
        matters: input.matters,
        recipientIds: recipients.map((r) => r.id),
        content: input.content,
        reporterId: input.reporterId,
        reportedAt: input.at,
      }),
    );
    const why = input.matters.length ? `${REASON_ZH[input.reason]}（${input.matters.map((m) => MATTER_ZH[m]).join('、')}）` : REASON_ZH[input.reason];
    await this.work.writer.history(em, input.ticketId, input.reporterId, input.at, {
      action: 'reported_to_leaders',
      after: { reportId: report.id, reason: input.reason, matters: input.matters, recipientIds: report.recipientIds },
      note: `${why}已书面报告公司领导（${recipients.map((r) => r.name).join('、')}）：${input.content}`,
    });
    await this.work.bus.publish(em, {
      name: 'leader_report.recorded',
      ticketId: input.ticketId,
      actorId: input.reporterId,
      occurredAt: input.at,
      payload: { reportId: report.id, reference: input.reference, reason: input.reason, matters: input.matters, recipients: report.recipientIds },
    });
    return report;
  }

  /** The explicit command: a major complaint, or an important matter (第一篇 一.8) with the reasons it is one. */
  report(
    ticketId: string,
    input: { matters?: ImportantMatter[]; content: string },
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<LeaderReportView> {
    return this.work.uow.run(idempotency, async (em) => {
      const ticket = await this.work.tickets.visible(em, ticketId, actor);
      if (!hasRole(actor, 'staff', 'supervisor', 'manager', 'admin')) throw new DomainError(DomainErrorCode.Forbidden, 'your role may not report to leaders');
      const matters = input.matters ?? [];
      if (ticket.severity !== 'major' && !matters.length) {
        throw ruleViolated(
          LeaderReportRuleCode.ImportantMatterNamed,
          'a matter that is not a major complaint is reported as important: name why (many_reports, wide_impact, vital_interests)',
          { field: 'matters' },
        );
      }
      const report = await this.record(em, {
        ticketId,
        reference: ticket.reference,
        reason: ticket.severity === 'major' ? 'major' : 'important',
        matters,
        content: input.content,
        reporterId: actor.id,
        holderId: ticket.handlerId,
        at: this.work.clock.now(),
      });
      if (!report) {
        throw ruleViolated(LeaderReportRuleCode.HasRecipients, 'no company leader can receive the report: nobody active holds a recipient role', {
          recipientRoles: this.work.policy.leaderReports.recipientRoles,
        });
      }
      const [view] = await this.views(
        em,
        [{ ...report, reference: ticket.reference, firstResponderId: ticket.firstResponderId, handlerId: ticket.handlerId, departmentId: ticket.departmentId }],
        actor,
      );
      return view;
    });
  }

  /** The reports the viewer may see (scoped like tickets), newest first. */
  async list(filter: { month?: string; cursor?: string; limit: number }, viewer: Principal): Promise<LeaderReportPageView> {
    const rows = await this.rows(this.db.manager, viewer, { ...filter, take: filter.limit + 1 });
    const { page, nextCursor } = pageOf(rows, filter.limit, (r) => encodeCursor(r.reportedAt, r.id));
    return { items: await this.views(this.db.manager, page, viewer), nextCursor };
  }

  /** Every report of the filter, for the CSV export. */
  async all(filter: { month?: string }, viewer: Principal): Promise<LeaderReportView[]> {
    return this.views(this.db.manager, await this.rows(this.db.manager, viewer, { ...filter, take: EXPORT_MAX }), viewer);
  }

  /** One ticket's reports, oldest first: the ticket page's section. */
  async ofTicket(em: EntityManager, ticketId: string, viewer: Principal): Promise<LeaderReportView[]> {
    return (await this.views(em, await this.rows(em, viewer, { ticketId, take: EXPORT_MAX }), viewer)).reverse();
  }

  private async rows(em: EntityManager, viewer: Principal, f: { month?: string; cursor?: string; ticketId?: string; take: number }): Promise<Row[]> {
    const visible = visibilitySql(viewer, 't');
    const qb = em
      .getRepository(LeaderReport)
      .createQueryBuilder('r')
      .innerJoin('ticket', 't', 't.id = r.ticket_id')
      .addSelect(['t.reference AS t_reference', 't.first_responder_id AS t_first', 't.handler_id AS t_handler', 't.department_id AS t_department'])
      .where(visible.sql, visible.params);
    if (f.ticketId) qb.andWhere('r.ticket_id = :ticketId', { ticketId: f.ticketId });
    if (f.month) {
      const { start, end } = monthRange(f.month, monthRuleOf(this.work.policy.company));
      qb.andWhere('r.reported_at >= :start AND r.reported_at < :end', { start, end });
    }
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor);
      qb.andWhere('(r.reported_at, r.id) < (:at, :id)', { at, id });
    }
    const { entities, raw } = await qb.orderBy('r.reported_at', 'DESC').addOrderBy('r.id', 'DESC').limit(f.take).getRawAndEntities();
    const extra = new Map((raw as Array<Record<string, string>>).map((r) => [r.r_id, r]));
    return entities.map((e) => {
      const x = extra.get(e.id)!;
      return { ...e, reference: x.t_reference, firstResponderId: x.t_first, handlerId: x.t_handler, departmentId: x.t_department };
    });
  }

  private async views(em: EntityManager, rows: Row[], viewer: Principal): Promise<LeaderReportView[]> {
    const people = await this.work.directory.people(
      rows.flatMap((r) => [...r.recipientIds, r.reporterId]),
      em,
    );
    const person = (id: string) => ({ id, name: people.get(id)?.name ?? '(unknown)' });
    return rows.map((r) => ({
      id: r.id,
      ticket: { id: r.ticketId, reference: r.reference },
      reason: r.reason,
      matters: r.matters,
      recipients: r.recipientIds.map(person),
      reporter: r.reporterId ? person(r.reporterId) : null,
      reportedAt: new Date(r.reportedAt).toISOString(),
      // 个人信息保护法: HR and others who may not see the resident read the report with phone numbers masked.
      content: seesResidentData(viewer, r) ? r.content : maskPhonesInText(r.content),
    }));
  }
}
