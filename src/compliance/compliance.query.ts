import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { monthOf, monthRange, monthRuleOf } from '../config/statistical-month.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { ComplianceCounts, ComplianceView } from './compliance.view.js';
import { COUNTED_CLOCK, JUDGED_DUE } from '../sla/sla-clock.entity.js';

interface Row {
  day: string;
  department_id: string;
  due: number;
  on_time: number;
  breached: number;
}

const rate = (onTime: number, breached: number) => (onTime + breached ? Math.round((onTime / (onTime + breached)) * 1000) / 10 : null);
const counts = (due: number, onTime: number, breached: number): ComplianceCounts => ({
  due,
  onTime,
  breached,
  pending: due - onTime - breached,
  rate: rate(onTime, breached),
});

/**
 * Read side: SLA compliance of a month by day and by department — every deadline (except the activity
 * clock) that fell in the month, met on time or breached. Days are in the business time zone.
 */
@Injectable()
export class ComplianceQuery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  currentMonth(): string {
    return monthOf(this.clock.now(), monthRuleOf(this.policy.company));
  }

  async month(viewer: Principal, month: string): Promise<ComplianceView> {
    const zone = this.policy.company.timeZone;
    // The company's statistical month (DESIGN decision 7), like every monthly figure.
    const range = monthRange(month, monthRuleOf(this.policy.company));
    const start = DateTime.fromJSDate(range.start, { zone });
    const end = DateTime.fromJSDate(range.end, { zone });
    const own = hasRole(viewer, 'manager', 'admin') ? null : (viewer.departmentId ?? '00000000-0000-0000-0000-000000000000');
    // 延期: an extended clock is judged against its original deadline (JUDGED_DUE), so an extension never hides a late answer.
    const rows: Row[] = await this.db.query(
      `SELECT to_char(c.due_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day, c.department_id,
              count(*)::int AS due,
              count(*) FILTER (WHERE c.met_at IS NOT NULL AND c.met_at <= ${JUDGED_DUE('c.')} AND c.breached_at IS NULL)::int AS on_time,
              count(*) FILTER (WHERE c.breached_at IS NOT NULL OR (c.met_at IS NOT NULL AND c.met_at > ${JUDGED_DUE('c.')})
                                  OR (c.status = 'running' AND ${JUDGED_DUE('c.')} <= $3))::int AS breached
         FROM sla_clock c
        WHERE ${COUNTED_CLOCK}
          AND c.due_at >= $1 AND c.due_at < $2
          AND ($5::uuid IS NULL OR c.department_id = $5)
        GROUP BY 1, 2`,
      [start.toJSDate(), end.toJSDate(), this.clock.now(), zone, own],
    );
    const byDay = new Map<string, [number, number, number]>();
    const byDept = new Map<string, [number, number, number]>();
    const bump = (map: Map<string, [number, number, number]>, key: string, r: Row) => {
      const v = map.get(key) ?? [0, 0, 0];
      map.set(key, [v[0] + r.due, v[1] + r.on_time, v[2] + r.breached]);
    };
    for (const r of rows) {
      bump(byDay, r.day, r);
      bump(byDept, r.department_id, r);
    }
    const days: ComplianceView['days'] = [];
    for (let d = start; d < end; d = d.plus({ days: 1 })) {
      const date = d.toISODate()!;
      const [due, onTime, breached] = byDay.get(date) ?? [0, 0, 0];
      days.push({ date, ...counts(due, onTime, breached) });
    }
    const departments = await this.directory.departments(byDept.keys());
    const total = rows.reduce((t, r) => [t[0] + r.due, t[1] + r.on_time, t[2] + r.breached], [0, 0, 0]);
    return {
      month,
      days,
      departments: [...byDept.entries()]
        .map(([id, [due, onTime, breached]]) => {
          const d = departments.get(id);
          return { department: d ? { id, code: d.code, name: d.name } : { id, code: '?', name: '?' }, ...counts(due, onTime, breached) };
        })
        .sort((a, b) => a.department.code.localeCompare(b.department.code)),
      total: counts(total[0], total[1], total[2]),
    };
  }
}
