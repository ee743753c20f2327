import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { invalidInput, notFound } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import { PenaltyLedger } from '../scoring/penalty-ledger.js';
import { MONTH_PATTERN, monthRange } from '../config/statistical-month.js';
import { asCurrentReport, asSummaryRow, buildPerformanceReport, buildPerformanceSummary, handledTickets } from './performance-report.query.js';
import type {
  FigureTicketsPage,
  HandledTicketsPage,
  PerformanceFigure,
  PerformanceReport,
  PerformanceSummary,
  StoredPerformanceReport,
} from './performance-report.types.js';

export function requireMonth(month: unknown): string {
  if (typeof month !== 'string' || !MONTH_PATTERN.test(month)) throw invalidInput('month', 'must be YYYY-MM');
  return month;
}

/** The page cursor of the handled-tickets list: the last reference of the page, opaque to the caller. */
const encodeCursor = (reference: string) => Buffer.from(reference).toString('base64url');
function decodeCursor(cursor: string): string {
  const reference = Buffer.from(cursor, 'base64url').toString();
  if (!/^[A-Za-z0-9-]{1,24}$/.test(reference)) throw invalidInput('cursor', 'not a cursor from a previous page');
  return reference;
}

/** The page cursor of a figure's list: the position of the page's first entry, opaque to the caller. */
const encodeOffset = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');
function decodeOffset(cursor: string): number {
  const match = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw invalidInput('cursor', 'not a cursor from a previous page');
  return Number(match[1]);
}

/** HR's monthly report: live for an open month, frozen for a closed one; the close freezes it. */
@Injectable()
export class PerformanceReports {
  constructor(
    private readonly db: DataSource,
    private readonly uow: IdempotentWork,
    private readonly clock: Clock,
    private readonly ledger: PenaltyLedger,
  ) {}

  async report(month: string, em: EntityManager = this.db.manager): Promise<PerformanceReport> {
    const frozen = await this.ledger.frozenReport(em, month);
    if (frozen) return asCurrentReport(frozen as StoredPerformanceReport);
    return buildPerformanceReport(em, month, this.ledger.monthRule, this.clock.now());
  }

  /** The report's figures without the lists behind them (the JSON answer): added up in SQL for an open month. */
  async summary(month: string, em: EntityManager = this.db.manager): Promise<PerformanceSummary> {
    const frozen = await this.ledger.frozenReport(em, month);
    if (!frozen) return buildPerformanceSummary(em, month, this.ledger.monthRule, this.clock.now());
    const report = asCurrentReport(frozen as StoredPerformanceReport);
    return { ...report, rows: report.rows.map((r) => asSummaryRow(month, r)) };
  }

  /**
   * The tickets behind one of an employee's figures, a page at a time, in the report's order: from the
   * frozen report of a closed month, else from the employee's row built alone (their entries only).
   */
  async employeeTickets(month: string, employeeId: string, figure: PerformanceFigure, page: { cursor?: string; limit?: number }): Promise<FigureTicketsPage> {
    const em = this.db.manager;
    const { start } = monthRange(month, this.ledger.monthRule);
    if (start > this.clock.now()) throw notFound('performance report for month', month);
    const [employee]: Array<{ id: string; name: string }> = await em.query('SELECT id, name FROM staff WHERE id = $1', [employeeId]);
    if (!employee) throw notFound('employee', employeeId);
    const offset = page.cursor ? decodeOffset(page.cursor) : 0;
    const limit = page.limit ?? 100;
    const frozen = await this.ledger.frozenReport(em, month);
    const report = frozen
      ? asCurrentReport(frozen as StoredPerformanceReport)
      : await buildPerformanceReport(em, month, this.ledger.monthRule, this.clock.now(), { only: employeeId });
    const list = report.rows.find((r) => r.employee.id === employeeId)?.tickets[figure] ?? [];
    return {
      month,
      employee,
      figure,
      total: list.length,
      items: list.slice(offset, offset + limit),
      nextCursor: offset + limit < list.length ? encodeOffset(offset + limit) : null,
    };
  }

  /** The tickets behind an employee's `ticketsHandled` figure, a page at a time (the report carries the count). */
  async handledTickets(month: string, employeeId: string, page: { cursor?: string; limit?: number }): Promise<HandledTicketsPage> {
    const em = this.db.manager;
    const { start } = monthRange(month, this.ledger.monthRule);
    if (start > this.clock.now()) throw notFound('performance report for month', month);
    const [employee]: Array<{ id: string; name: string }> = await em.query('SELECT id, name FROM staff WHERE id = $1', [employeeId]);
    if (!employee) throw notFound('employee', employeeId);
    const limit = page.limit ?? 100;
    const result = await handledTickets(em, month, this.ledger.monthRule, employee, { after: page.cursor ? decodeCursor(page.cursor) : null, limit });
    const { more, ...rest } = result;
    return { ...rest, nextCursor: more ? encodeCursor(result.items[result.items.length - 1].reference) : null };
  }

  close(month: string, actor: Principal, idempotency?: IdempotencyScope): Promise<PerformanceReport> {
    return this.uow.run(idempotency, async (em) => {
      const now = this.clock.now();
      return this.ledger.closeMonth(em, month, actor.id, now, async (locked): Promise<PerformanceReport> => {
        const live = await buildPerformanceReport(locked, month, this.ledger.monthRule, now);
        return { ...live, closed: true, closedAt: now.toISOString() };
      });
    });
  }
}
