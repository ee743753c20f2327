import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { Charge } from './overreach-charges.js';
import { ScoringEntry, ScoringMonthClose } from './scoring-entry.entity.js';
import { monthOf, monthRange, monthRuleOf, nextMonth, type Month, type MonthRule } from '../config/statistical-month.js';
import { PerformanceSnapshot } from './performance-snapshot.entity.js';
import { ScoringRuleCode } from './scoring.rule-codes.js';

/** Serialises postings (shared) against a month close (exclusive), so no entry slips into a month being closed. */
const PERIOD_LOCK = 'scoring_period';

export interface Posting {
  ticketId: string;
  sourceKind: ScoringEntry['sourceKind'];
  sourceId: string;
  occurredAt: Date;
  recordedById: string;
  recordedAt: Date;
  /** Department each charged person belonged to at the time (snapshot), by employee id. */
  departments: Map<string, string | null>;
}

/** The penalty ledger: entries are only ever added; a closed month's postings land in the next open month. */
@Injectable()
export class PenaltyLedger {
  constructor(
    private readonly directory: StaffDirectory,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  get monthRule(): MonthRule {
    return monthRuleOf(this.policy.company);
  }

  async post(em: EntityManager, charges: Charge[], p: Posting): Promise<ScoringEntry[]> {
    if (!charges.length) return [];
    await em.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [PERIOD_LOCK]);
    const originalMonth = monthOf(p.occurredAt, this.monthRule);
    const month = await this.openMonthFrom(em, originalMonth);
    const people = await this.directory.people(
      charges.map((c) => c.employeeId),
      em,
    );
    const departments = await this.directory.departments(p.departments.values(), em);
    const rows = charges.map((c) => {
      const departmentId = p.departments.get(c.employeeId) ?? null;
      return em.getRepository(ScoringEntry).create({
        kind: 'charge',
        rule: c.rule,
        role: c.role,
        employeeId: c.employeeId,
        employeeName: people.get(c.employeeId)?.name ?? '(unknown)',
        departmentId,
        departmentName: departmentId ? (departments.get(departmentId)?.name ?? null) : null,
        points: c.points,
        amountFen: c.amountFen,
        sanction: c.sanction,
        ticketId: p.ticketId,
        sourceKind: p.sourceKind,
        sourceId: p.sourceId,
        occurredAt: p.occurredAt,
        month,
        originalMonth,
        reversesEntryId: null,
        reason: null,
        recordedById: p.recordedById,
        recordedAt: p.recordedAt,
      });
    });
    return em.getRepository(ScoringEntry).save(rows);
  }

  /** A decision on appeal: the reversing entry carries the negated figures, dated now, in the current open month. */
  async reverse(em: EntityManager, entryId: string, reason: string, actorId: string, now: Date): Promise<{ original: ScoringEntry; reversal: ScoringEntry }> {
    await em.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [PERIOD_LOCK]);
    const repo = em.getRepository(ScoringEntry);
    const original = await repo.findOne({ where: { id: entryId } });
    if (!original) throw notFound('scoring entry', entryId);
    if (original.kind !== 'charge') throw ruleViolated(ScoringRuleCode.ReverseChargesOnly, 'a reversal cannot itself be reversed');
    // Serialise concurrent reversals of one entry; the unique index is the final guard.
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reverse:${entryId}`]);
    if (await repo.exists({ where: { reversesEntryId: entryId } })) {
      throw new DomainError(DomainErrorCode.Duplicate, 'this entry has already been reversed', { rule: ScoringRuleCode.ReverseOnce, entryId });
    }
    const originalMonth = monthOf(now, this.monthRule);
    const month = await this.openMonthFrom(em, originalMonth);
    const reversal = await repo.save(
      repo.create({
        ...original,
        id: undefined,
        kind: 'reversal',
        points: -original.points,
        amountFen: -original.amountFen,
        occurredAt: now,
        month,
        originalMonth,
        reversesEntryId: original.id,
        reason,
        recordedById: actorId,
        recordedAt: now,
      }),
    );
    return { original, reversal };
  }

  async isClosed(em: EntityManager, month: Month): Promise<boolean> {
    return em.getRepository(ScoringMonthClose).exists({ where: { month } });
  }

  /**
   * 第八条(四): HR closes a statistical month once it has ended. Takes the period lock exclusively, so no charge
   * or reversal posts to the month while `freeze` builds its report; the report is kept as the month's
   * snapshot, and later charges and reversals land in the next open month as adjustments.
   */
  async closeMonth<R extends object>(em: EntityManager, month: Month, actorId: string, now: Date, freeze: (em: EntityManager) => Promise<R>): Promise<R> {
    const { end } = monthRange(month, this.monthRule);
    if (end > now)
      throw ruleViolated(ScoringRuleCode.MonthCloseAfterEnd, `${month} has not ended yet; it can be closed from ${end.toISOString()}`, {
        month,
        endsAt: end.toISOString(),
      });
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PERIOD_LOCK]);
    if (await this.isClosed(em, month))
      throw new DomainError(DomainErrorCode.Duplicate, `${month} is already closed`, { rule: ScoringRuleCode.MonthCloseOnce, month });
    await em.getRepository(ScoringMonthClose).insert({ month, closedById: actorId, closedAt: now });
    const report = await freeze(em);
    await em.getRepository(PerformanceSnapshot).insert({ month, report, closedById: actorId, closedAt: now });
    return report;
  }

  /** The report frozen when the month was closed, as it was stored; null while the month is open. */
  async frozenReport(em: EntityManager, month: Month): Promise<object | null> {
    const frozen = await em.getRepository(PerformanceSnapshot).findOne({ where: { month } });
    return frozen?.report ?? null;
  }

  private async openMonthFrom(em: EntityManager, month: Month): Promise<Month> {
    const closed = new Set((await em.getRepository(ScoringMonthClose).find({ select: { month: true } })).map((c) => c.month));
    let m = month;
    while (closed.has(m)) m = nextMonth(m);
    return m;
  }
}
