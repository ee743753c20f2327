import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { SlaBoardCounts } from './sla-board-counts.service.js';
import { SlaBreach } from './sla-breach.entity.js';
import { BOARD_LIVE, SlaClock } from './sla-clock.entity.js';
import { SlaPolicy } from './sla-policy.js';
import type { BoardView, BreachView, ClockView } from './sla.view.js';

export type { ClockView };

/** Delta rows of the open counts beyond which a board read compacts them itself. */
const BOARD_COMPACT_AT = 5_000;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Read side of the SLA module: the clocks on the ticket page, the board and the breach list. */
@Injectable()
export class SlaQuery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly policy: SlaPolicy,
    private readonly directory: StaffDirectory,
    private readonly counts: SlaBoardCounts,
  ) {}

  async clocksOf(ticketId: string, em: EntityManager = this.db.manager): Promise<ClockView[]> {
    const clocks = await em.getRepository(SlaClock).find({ where: { ticketId }, order: { startedAt: 'ASC' } });
    const now = this.clock.now();
    return clocks.map((c) => this.view(c, now));
  }

  /**
   * The ticket's latest breach at or before `at`, with who was responsible then (DESIGN decision 4):
   * what scoring charges an overreach to.
   */
  async latestBreach(
    ticketId: string,
    at: Date,
    em: EntityManager = this.db.manager,
  ): Promise<{ id: string; handlerId: string; departmentId: string; breachedAt: Date } | null> {
    const breach = await em.getRepository(SlaBreach).findOne({
      where: { ticketId, breachedAt: LessThanOrEqual(at) },
      order: { breachedAt: 'DESC', id: 'DESC' },
      select: { id: true, handlerId: true, departmentId: true, breachedAt: true },
    });
    return breach;
  }

  /**
   * 延期 never hides a late answer (issue 17 items 3 and 7): the latest original deadline, at or before `at`, of an
   * extended clock that was not met by it. Scoring charges an overreach there when no breach came later.
   */
  async latestLapsedOriginalDeadline(
    ticketId: string,
    at: Date,
    em: EntityManager = this.db.manager,
  ): Promise<{ clockId: string; purpose: string; originalDueAt: Date } | null> {
    const row = await em
      .getRepository(SlaClock)
      .createQueryBuilder('c')
      .select(['c.id', 'c.purpose', 'c.originalDueAt'])
      .where('c.ticketId = :ticketId', { ticketId })
      .andWhere(`c.status <> 'cancelled'`)
      .andWhere('c.originalDueAt IS NOT NULL AND c.originalDueAt <= :at', { at })
      .andWhere('(c.metAt IS NULL OR c.metAt > c.originalDueAt)')
      .orderBy('c.originalDueAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getOne();
    return row ? { clockId: row.id, purpose: row.purpose, originalDueAt: row.originalDueAt! } : null;
  }

  /** The earliest running deadline of each ticket (the activity clock aside: it is internal). */
  async nextDue(ticketIds: string[], em: EntityManager = this.db.manager): Promise<Map<string, Date>> {
    const rows: { ticket_id: string; due_at: Date }[] = await em.query(
      `SELECT ticket_id, min(due_at) AS due_at FROM sla_clock WHERE ticket_id = ANY($1::uuid[]) AND status = 'running' AND purpose <> 'activity' GROUP BY ticket_id`,
      [ticketIds],
    );
    return new Map(rows.map((r) => [r.ticket_id, new Date(r.due_at)]));
  }

  view(c: SlaClock, now: Date): ClockView {
    const live = c.status === 'running' || c.status === 'paused';
    const overdue = live && now >= c.dueAt ? Math.floor((now.getTime() - c.dueAt.getTime()) / 60_000) : null;
    const remaining = live && now < c.dueAt ? (c.status === 'paused' ? c.remainingAtPause : this.policy.remaining(c.calendar, now, c.dueAt)) : null;
    const light: ClockView['light'] = !live ? 'none' : c.breachedAt || overdue !== null ? 'red' : c.warnAt && now >= c.warnAt ? 'yellow' : 'green';
    return {
      id: c.id,
      purpose: c.purpose,
      status: c.status,
      light,
      startedAt: iso(c.startedAt)!,
      warnAt: iso(c.warnAt),
      dueAt: iso(c.dueAt)!,
      originalDueAt: iso(c.originalDueAt),
      remainingMinutes: remaining,
      overdueMinutes: overdue,
      breached: !!c.breachedAt,
      breachedAt: iso(c.breachedAt),
      metAt: iso(c.metAt),
      escalationLevel: c.escalationLevel,
      paused: c.status === 'paused' && c.pausedAt ? { since: iso(c.pausedAt)!, remainingMinutes: c.remainingAtPause ?? 0 } : null,
      pausedMinutes: c.pausedMinutes,
      explanation: c.explanation,
    };
  }

  /**
   * Per department: open tickets (distinct tickets with a live non-activity clock), at risk (past the
   * warning point, not due, not breached), breached (breach recorded or due passed), oldest overdue due
   * time. "Open" is the sum of the trigger-kept deltas in `sla_board_count`; the other figures are read
   * live through the partial indexes on `sla_clock`, so the cost follows the warned and overdue clocks,
   * not the open ones. One statement, one snapshot.
   */
  async board(viewer: Principal): Promise<BoardView> {
    const now = this.clock.now();
    type Row = { department_id: string; open: number; at_risk: number; breached: number; oldest_overdue: Date | null; delta_rows: number };
    const all = await this.db.transaction(async (em): Promise<Row[]> => {
      // A few thousand rows at most: two parallel workers cost more to start than they save (50 ms vs 20 ms
      // at 1 M open tickets with 15 k overdue on two cores).
      await em.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      return em.query(
        `WITH open AS (
           SELECT department_id, sum(open)::int AS open, count(*)::int AS delta_rows FROM sla_board_count GROUP BY 1),
         hot AS (
           SELECT department_id, ticket_id, warn_at, due_at, breached_at FROM sla_clock
            WHERE ${BOARD_LIVE} AND due_at <= $1
           UNION ALL
           SELECT department_id, ticket_id, warn_at, due_at, breached_at FROM sla_clock
            WHERE ${BOARD_LIVE} AND breached_at IS NOT NULL AND due_at > $1
           UNION ALL
           SELECT department_id, ticket_id, warn_at, due_at, breached_at FROM sla_clock
            WHERE ${BOARD_LIVE} AND breached_at IS NULL AND warn_at <= $1 AND due_at > $1),
         figures AS (
           SELECT department_id,
                  count(DISTINCT ticket_id) FILTER (WHERE breached_at IS NULL AND due_at > $1 AND warn_at <= $1)::int AS at_risk,
                  count(DISTINCT ticket_id) FILTER (WHERE breached_at IS NOT NULL OR due_at <= $1)::int AS breached,
                  min(due_at) FILTER (WHERE due_at <= $1) AS oldest_overdue
             FROM hot GROUP BY 1)
         SELECT o.department_id, o.open, coalesce(f.at_risk, 0) AS at_risk, coalesce(f.breached, 0) AS breached, f.oldest_overdue, o.delta_rows
           FROM open o LEFT JOIN figures f ON f.department_id = o.department_id`,
        [now],
      );
    });
    // The sweep compacts the deltas; should it not run (scheduler off), the board keeps them bounded.
    if (all.reduce((n, r) => n + r.delta_rows, 0) > BOARD_COMPACT_AT) await this.counts.compact();
    const rows = all.filter((r) => r.open > 0);
    const departments = await this.directory.departments(rows.map((r) => r.department_id));
    const visible = hasRole(viewer, 'manager', 'admin') ? rows : rows.filter((r) => r.department_id === viewer.departmentId);
    return {
      at: now.toISOString(),
      departments: visible
        .map((r) => ({
          department: departments.get(r.department_id)
            ? { id: r.department_id, code: departments.get(r.department_id)!.code, name: departments.get(r.department_id)!.name }
            : { id: r.department_id, code: '?', name: '?' },
          open: r.open,
          atRisk: r.at_risk,
          breached: r.breached,
          oldestOverdueDueAt: iso(r.oldest_overdue),
          oldestOverdueMinutes: r.oldest_overdue ? Math.floor((now.getTime() - new Date(r.oldest_overdue).getTime()) / 60_000) : null,
        }))
        .sort((a, b) => a.department.code.localeCompare(b.department.code)),
    };
  }

  async breaches(
    viewer: Principal,
    filter: { departmentId?: string; handlerId?: string; month?: string; state?: 'open' | 'closed'; limit: number },
  ): Promise<BreachView[]> {
    const where: string[] = ['TRUE'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (!hasRole(viewer, 'manager', 'admin')) add('b.department_id = ?', viewer.departmentId ?? '00000000-0000-0000-0000-000000000000');
    if (filter.departmentId) add('b.department_id = ?', filter.departmentId);
    if (filter.handlerId) add('b.handler_id = ?', filter.handlerId);
    if (filter.month) {
      add(`b.breached_at >= (?::date::timestamp AT TIME ZONE '${this.policy.zone}')`, `${filter.month}-01`);
      add(`b.breached_at < ((?::date + interval '1 month')::timestamp AT TIME ZONE '${this.policy.zone}')`, `${filter.month}-01`);
    }
    if (filter.state === 'open') where.push('m.met_at IS NULL');
    if (filter.state === 'closed') where.push('m.met_at IS NOT NULL');
    params.push(filter.limit);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT b.*, m.met_at, t.reference FROM sla_breach b JOIN ticket t ON t.id = b.ticket_id LEFT JOIN sla_breach_met m ON m.breach_id = b.id WHERE ${where.join(' AND ')} ORDER BY b.breached_at DESC LIMIT $${params.length}`,
      params,
    );
    const people = await this.directory.people(rows.flatMap((r) => [r.handler_id as string, r.supervisor_id as string]));
    const departments = await this.directory.departments(rows.map((r) => r.department_id as string));
    return rows.map((r) => ({
      id: r.id as string,
      ticketId: r.ticket_id as string,
      reference: r.reference as string,
      purpose: r.purpose as string,
      handler: people.get(r.handler_id as string) ?? null,
      department: departments.get(r.department_id as string)
        ? { id: r.department_id as string, code: departments.get(r.department_id as string)!.code, name: departments.get(r.department_id as string)!.name }
        : null,
      supervisor: r.supervisor_id ? (people.get(r.supervisor_id as string) ?? null) : null,
      dueAt: iso(r.due_at as Date)!,
      breachedAt: iso(r.breached_at as Date)!,
      metAt: iso(r.met_at as Date | null),
      state: r.met_at ? 'closed' : 'open',
    }));
  }
}
