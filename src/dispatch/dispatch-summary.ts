import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { monthRange, monthRuleOf } from '../config/statistical-month.js';
import { TicketWork } from '../tickets/ticket-work.js';
import { reasonLabel } from './dispatch-wording.js';
import { Dispatch, DispatchReturn } from './dispatch.entity.js';
import type { DispatchSummaryView, ReturnPairCountView, ReturnReasonCountView } from './dispatch.view.js';

/** 退单统计: a month's dispatches and their returns, per department pair and per reason. */
@Injectable()
export class DispatchSummary {
  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
  ) {}

  /** Returns made in a statistical month, per department pair and per reason; and the month's dispatches. */
  async summary(month: string): Promise<DispatchSummaryView> {
    const { start, end } = monthRange(month, monthRuleOf(this.work.policy.company));
    const returns = await this.db
      .getRepository(DispatchReturn)
      .createQueryBuilder('r')
      .where('r.returned_at >= :start AND r.returned_at < :end', { start, end })
      .getMany();
    const dispatches = await this.db
      .getRepository(Dispatch)
      .createQueryBuilder('d')
      .where('d.dispatched_at >= :start AND d.dispatched_at < :end', { start, end })
      .getCount();
    const departments = await this.work.directory.departments(returns.flatMap((r) => [r.fromDepartmentId, r.toDepartmentId]));
    const dept = (id: string) => {
      const d = departments.get(id);
      return { id, code: d?.code ?? '', name: d?.name ?? '(unknown)' };
    };
    const pairs = new Map<string, ReturnPairCountView>();
    const reasons = new Map<string, ReturnReasonCountView>();
    for (const r of returns) {
      const key = `${r.fromDepartmentId}>${r.toDepartmentId}`;
      const p = pairs.get(key) ?? {
        fromDepartment: dept(r.fromDepartmentId),
        toDepartment: dept(r.toDepartmentId),
        returns: 0,
        accepted: 0,
        rejected: 0,
        withdrawn: 0,
        pending: 0,
      };
      p.returns++;
      if (r.verdict === 'accepted') p.accepted++;
      else if (r.verdict === 'rejected') p.rejected++;
      else if (r.verdict === 'withdrawn') p.withdrawn++;
      else p.pending++;
      pairs.set(key, p);
      const c = reasons.get(r.reasonCode) ?? { reasonCode: r.reasonCode, reasonLabel: reasonLabel(this.work.policy, r.reasonCode), returns: 0 };
      c.returns++;
      reasons.set(r.reasonCode, c);
    }
    return {
      month,
      dispatches,
      returns: returns.length,
      byPair: [...pairs.values()].sort((a, b) => b.returns - a.returns || a.fromDepartment.name.localeCompare(b.fromDepartment.name)),
      byReason: [...reasons.values()].sort((a, b) => b.returns - a.returns || a.reasonCode.localeCompare(b.reasonCode)),
    };
  }
}
