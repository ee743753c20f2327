import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, pageOf } from '../common/http/cursor.js';
import { StaffDirectory, type DepartmentSummary, type PersonSummary } from '../org/staff-directory.service.js';
import type { DisciplinaryCasePageView, OverreachPageView, ScoringRecordsQuery, ValidComplaintPageView } from './dto/scoring-records.view.js';
import { PenaltyLedger } from './penalty-ledger.js';
import type { Attribution, DisciplinaryOutcome, OverreachLevel, VenueKind } from './scoring.types.js';
import { monthOf, monthRange } from '../config/statistical-month.js';

/** Which columns a register filters on: when it happened, the department charged, the people concerned. */
interface Columns {
  id: string;
  at: string;
  department: string;
  people: string[];
}

type Row = Record<string, unknown> & { id: string; at: Date; ticket_id: string; reference: string };

/**
 * HR's registers of overreaches, valid complaints and disciplinary cases: filtered by statistical month,
 * department and person, newest first in keyset pages on (time, id). The ticket's reference comes from a
 * join (the public number, as the HR report reads it), never the resident's data.
 */
@Injectable()
export class ScoringRecords {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: PenaltyLedger,
    private readonly directory: StaffDirectory,
  ) {}

  async overreaches(f: ScoringRecordsQuery): Promise<OverreachPageView> {
    const { rows, nextCursor, people, departments } = await this.page(
      `SELECT o.id, o.occurred_at AS at, o.ticket_id, t.reference, o.level, o.venue_kind, o.venue_name, o.attribution, o.economic_loss_fen,
              o.responsible_id, o.responsible_department_id AS department_id, o.supervisor_id, o.basis, o.registered_by_id, o.registered_at, c.id AS case_id
         FROM scoring_overreach o JOIN ticket t ON t.id = o.ticket_id LEFT JOIN scoring_disciplinary_case c ON c.overreach_id = o.id`,
      { id: 'o.id', at: 'o.occurred_at', department: 'o.responsible_department_id', people: ['o.responsible_id', 'o.supervisor_id'] },
      f,
      ['responsible_id', 'supervisor_id', 'registered_by_id'],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        ticket: { id: r.ticket_id, reference: r.reference },
        level: r.level as OverreachLevel,
        venue: { kind: r.venue_kind as VenueKind, name: r.venue_name as string },
        occurredAt: r.at.toISOString(),
        month: monthOf(r.at, this.ledger.monthRule),
        attribution: r.attribution as Attribution,
        economicLossFen: Number(r.economic_loss_fen),
        responsible: person(people, r.responsible_id as string),
        department: department(departments, r.department_id as string | null),
        supervisor: r.supervisor_id ? person(people, r.supervisor_id as string) : null,
        basis: r.basis as string,
        disciplinaryCaseId: (r.case_id as string | null) ?? null,
        registeredBy: person(people, r.registered_by_id as string),
        registeredAt: (r.registered_at as Date).toISOString(),
      })),
      nextCursor,
    };
  }

  async validComplaints(f: ScoringRecordsQuery): Promise<ValidComplaintPageView> {
    const { rows, nextCursor, people, departments } = await this.page(
      `SELECT v.id, v.decided_at AS at, v.ticket_id, t.reference, v.employee_id, v.department_id, v.verdict,
              v.within_duties, v.assigned_by_supervisor, v.could_be_done_at_once, v.decided_by_id
         FROM scoring_valid_complaint v JOIN ticket t ON t.id = v.ticket_id`,
      { id: 'v.id', at: 'v.decided_at', department: 'v.department_id', people: ['v.employee_id'] },
      f,
      ['employee_id', 'decided_by_id'],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        ticket: { id: r.ticket_id, reference: r.reference },
        employee: person(people, r.employee_id as string),
        department: department(departments, r.department_id as string | null),
        verdict: r.verdict as 'valid' | 'invalid',
        withinDuties: r.within_duties as boolean,
        assignedBySupervisor: r.assigned_by_supervisor as boolean,
        couldBeDoneAtOnce: r.could_be_done_at_once as boolean,
        decidedBy: person(people, r.decided_by_id as string),
        decidedAt: r.at.toISOString(),
        month: monthOf(r.at, this.ledger.monthRule),
      })),
      nextCursor,
    };
  }

  async disciplinaryCases(f: ScoringRecordsQuery): Promise<DisciplinaryCasePageView> {
    const { rows, nextCursor, people, departments } = await this.page(
      `SELECT c.id, c.opened_at AS at, c.ticket_id, t.reference, c.overreach_id, c.employee_id, o.responsible_department_id AS department_id,
              d.outcome, d.decided_by_id, d.decided_at
         FROM scoring_disciplinary_case c JOIN scoring_overreach o ON o.id = c.overreach_id JOIN ticket t ON t.id = c.ticket_id
         LEFT JOIN scoring_disciplinary_outcome d ON d.case_id = c.id`,
      { id: 'c.id', at: 'c.opened_at', department: 'o.responsible_department_id', people: ['c.employee_id'] },
      f,
      ['employee_id', 'decided_by_id'],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        overreachId: r.overreach_id as string,
        ticket: { id: r.ticket_id, reference: r.reference },
        employee: person(people, r.employee_id as string),
        department: department(departments, r.department_id as string | null),
        openedAt: r.at.toISOString(),
        month: monthOf(r.at, this.ledger.monthRule),
        outcome: (r.outcome as DisciplinaryOutcome | null) ?? null,
        decidedBy: r.decided_by_id ? person(people, r.decided_by_id as string) : null,
        decidedAt: r.decided_at ? (r.decided_at as Date).toISOString() : null,
      })),
      nextCursor,
    };
  }

  /** One filtered page of a register, with the names of the people and departments it mentions. */
  private async page(select: string, columns: Columns, f: ScoringRecordsQuery, personColumns: string[]) {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (f.month) {
      const { start, end } = monthRange(f.month, this.ledger.monthRule);
      where.push(`${columns.at} >= ${param(start)} AND ${columns.at} < ${param(end)}`);
    }
    if (f.departmentId) where.push(`${columns.department} = ${param(f.departmentId)}`);
    if (f.employeeId) {
      const id = param(f.employeeId);
      where.push(`(${columns.people.map((c) => `${c} = ${id}`).join(' OR ')})`);
    }
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor);
      where.push(`(${columns.at}, ${columns.id}) < (${param(at)}, ${param(id)})`);
    }
    const limit = f.limit ?? 50;
    const rows: Row[] = await this.db.query(
      `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${columns.at} DESC, ${columns.id} DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const { page, nextCursor } = pageOf(rows, limit, (r) => encodeCursor(r.at, r.id));
    const [people, departments] = await Promise.all([
      this.directory.people(page.flatMap((r) => personColumns.map((c) => r[c] as string | null))),
      this.directory.departments(page.map((r) => r.department_id as string | null)),
    ]);
    return { rows: page, nextCursor, people, departments };
  }
}

const person = (people: Map<string, PersonSummary>, id: string) => people.get(id) ?? { id, name: '(unknown)' };

function department(departments: Map<string, DepartmentSummary>, id: string | null) {
  if (!id) return null;
  const d = departments.get(id);
  return d ? { id, code: d.code, name: d.name } : { id, code: '?', name: '(unknown)' };
}
