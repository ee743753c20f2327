import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { scoreRisk, type RiskReason } from './risk-score.js';

export interface RiskItemView {
  ticket: {
    id: string;
    reference: string;
    category: string;
    severity: string;
    status: string;
    summary: string;
    receivedAt: string;
    department: { id: string; code: string; name: string } | null;
    handler: { id: string; name: string } | null;
  };
  score: number;
  high: boolean;
  /** The resident already went over the company's head (an overreach is registered): ranked above every other ticket. */
  overreached: boolean;
  reasons: RiskReason[];
}

export interface RiskBoardView {
  at: string;
  highAt: number;
  items: RiskItemView[];
  /** Per department: tickets scored, how many are high risk, the highest score. */
  departments: Array<{ department: { id: string; code: string; name: string }; scored: number; high: number; highest: number }>;
}

interface Row {
  id: string;
  reference: string;
  category: string;
  severity: string;
  status: string;
  summary: string;
  requests: string;
  received_at: Date;
  repeat_count: number;
  reopen_count: number;
  department_id: string;
  handler_id: string;
  clocks: Array<{ purpose: string; breached: boolean; nearly: boolean }>;
  dissatisfied: number;
  contact_texts: string[];
  overreached: boolean;
}

/**
 * Read side: the overreach risk of every ticket not yet closed, ranked. Reads tickets, clocks, follow-ups,
 * repeat contacts and registered overreaches in one query; writes nothing. Supervisors see their own department.
 * A ticket that already went over the company's head (第十条) ranks above everything else: the risk has happened.
 */
@Injectable()
export class RiskQuery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async board(viewer: Principal, options: { limit: number; departmentId?: string }): Promise<RiskBoardView> {
    const now = this.clock.now();
    const own = hasRole(viewer, 'manager', 'admin') ? null : (viewer.departmentId ?? '00000000-0000-0000-0000-000000000000');
    const rows: Row[] = await this.db.query(
      `SELECT t.id, t.reference, t.category, t.severity, t.status, t.summary, t.requests, t.received_at, t.repeat_count, t.reopen_count,
              t.department_id, t.handler_id,
              coalesce((SELECT json_agg(json_build_object(
                          'purpose', c.purpose,
                          'breached', c.breached_at IS NOT NULL OR (c.status = 'running' AND c.due_at <= $1),
                          'nearly', c.warn_at IS NOT NULL AND c.warn_at <= $1))
                          FROM sla_clock c WHERE c.ticket_id = t.id AND c.status IN ('running', 'paused')), '[]'::json) AS clocks,
              (SELECT count(*)::int FROM follow_up f WHERE f.ticket_id = t.id AND f.verdict = 'dissatisfied') AS dissatisfied,
              coalesce((SELECT array_agg(k.summary) FROM ticket_contact k WHERE k.ticket_id = t.id), '{}') AS contact_texts,
              EXISTS (SELECT 1 FROM scoring_overreach o WHERE o.ticket_id = t.id) AS overreached
         FROM ticket t
        WHERE t.status <> 'closed'
          AND ($2::uuid IS NULL OR t.department_id = $2)
          AND ($3::uuid IS NULL OR t.department_id = $3)`,
      [now, own, options.departmentId ?? null],
    );
    const scored = rows.map((r) => ({
      row: r,
      ...scoreRisk(
        {
          severity: r.severity,
          receivedAt: new Date(r.received_at),
          repeatCount: r.repeat_count,
          reopenCount: r.reopen_count,
          dissatisfiedFollowUps: r.dissatisfied,
          clocks: r.clocks.map((c) => ({ purpose: c.purpose, breached: c.breached, nearlyBreached: c.nearly })),
          texts: [r.summary, r.requests, ...r.contact_texts],
        },
        this.policy.risk,
        now,
      ),
    }));
    scored.sort(
      (a, b) =>
        Number(b.row.overreached) - Number(a.row.overreached) ||
        b.score - a.score ||
        new Date(a.row.received_at).getTime() - new Date(b.row.received_at).getTime(),
    );

    const highAt = this.policy.risk.highAt;
    const departments = await this.directory.departments(rows.map((r) => r.department_id));
    const top = scored.slice(0, options.limit);
    const people = await this.directory.people(top.map((s) => s.row.handler_id));
    const dept = (id: string) => {
      const d = departments.get(id);
      return d ? { id, code: d.code, name: d.name } : null;
    };

    const perDepartment = new Map<string, { scored: number; high: number; highest: number }>();
    for (const s of scored) {
      const entry = perDepartment.get(s.row.department_id) ?? { scored: 0, high: 0, highest: 0 };
      entry.scored++;
      if (s.score >= highAt) entry.high++;
      entry.highest = Math.max(entry.highest, s.score);
      perDepartment.set(s.row.department_id, entry);
    }

    return {
      at: now.toISOString(),
      highAt,
      items: top.map((s) => ({
        ticket: {
          id: s.row.id,
          reference: s.row.reference,
          category: s.row.category,
          severity: s.row.severity,
          status: s.row.status,
          summary: s.row.summary,
          receivedAt: new Date(s.row.received_at).toISOString(),
          department: dept(s.row.department_id),
          handler: people.get(s.row.handler_id) ?? null,
        },
        score: s.score,
        high: s.score >= highAt,
        overreached: s.row.overreached,
        reasons: s.reasons,
      })),
      departments: [...perDepartment.entries()]
        .map(([id, v]) => ({ department: dept(id) ?? { id, code: '?', name: '?' }, ...v }))
        .sort((a, b) => a.department.code.localeCompare(b.department.code)),
    };
  }
}
