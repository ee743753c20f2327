import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { EventBus } from '../events/event-bus.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { PenaltyLedger } from './penalty-ledger.js';
import { ScoringEntry } from './scoring-entry.entity.js';
import type { ReversalView } from './dto/scoring.view.js';
import { toEntryView, type EntryView } from './scoring.views.js';

export interface EntryFilter {
  month?: string;
  employeeId?: string;
  departmentId?: string;
  rule?: string;
  limit?: number;
}

/** The ledger's reads and the reversal on appeal. */
@Injectable()
export class ScoringEntriesService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: IdempotentWork,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly ledger: PenaltyLedger,
    private readonly writer: TicketWriter,
  ) {}

  async list(f: EntryFilter): Promise<EntryView[]> {
    const qb = this.db.getRepository(ScoringEntry).createQueryBuilder('e');
    if (f.month) qb.andWhere('e.month = :month', { month: f.month });
    if (f.employeeId) qb.andWhere('e.employee_id = :employeeId', { employeeId: f.employeeId });
    if (f.departmentId) qb.andWhere('e.department_id = :departmentId', { departmentId: f.departmentId });
    if (f.rule) qb.andWhere('e.rule = :rule', { rule: f.rule });
    const rows = await qb
      .orderBy('e.recorded_at', 'ASC')
      .addOrderBy('e.role', 'DESC')
      .limit(f.limit ?? 500)
      .getMany();
    return rows.map(toEntryView);
  }

  reverse(entryId: string, reason: string, actor: Principal, idempotency?: IdempotencyScope): Promise<ReversalView> {
    return this.uow.run(idempotency, async (em) => {
      const now = this.clock.now();
      const { original, reversal } = await this.ledger.reverse(em, entryId, reason, actor.id, now);
      await this.writer.history(em, original.ticketId, actor.id, now, {
        action: 'scoring_reversed',
        after: {
          entryId: original.id,
          reversalId: reversal.id,
          employeeId: original.employeeId,
          rule: original.rule,
          points: reversal.points,
          amountFen: reversal.amountFen,
          month: reversal.month,
        },
        note: reason,
      });
      await this.bus.publish(em, {
        name: 'scoring.entry_reversed',
        ticketId: original.ticketId,
        actorId: actor.id,
        payload: { entryId: original.id, reversalId: reversal.id, employeeId: original.employeeId, rule: original.rule, month: reversal.month, reason },
      });
      return { original: toEntryView(original), reversal: toEntryView(reversal) };
    });
  }
}
