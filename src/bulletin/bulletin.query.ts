import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { BulletinTargets, Policy } from '../config/policy.js';
import { monthRange, monthRuleOf } from '../config/statistical-month.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { readTogether } from '../reports/performance-report.query.js';
import { SECTIONS, TARGET_KEYS, TARGET_NAMES, sectionFigures, type BulletinSection, type FigureKind, type TargetKey } from './bulletin.sections.js';

export type Figures = Record<string, number | null>;

export interface BulletinRow {
  department: { id: string; code: string; name: string };
  /** The targets this department fell short of, in policy order; empty when it met every one it was judged on. */
  failedTargets: TargetKey[];
  sections: Record<string, Figures>;
}

/** A column of the bulletin as the console page and the files show it; `key` is `department`, `failedTargets` or `<section>.<figure>`. */
export interface BulletinColumn {
  key: string;
  header: string;
  kind: 'text' | FigureKind;
}

export interface Bulletin {
  month: string;
  timeZone: string;
  range: { start: string; end: string };
  generatedAt: string;
  targets: BulletinTargets;
  sections: Array<{ key: string; title: string }>;
  columns: BulletinColumn[];
  /** Departments below a target first, then the others, each group by department code. */
  rows: BulletinRow[];
}

/** Percent with one decimal; null when nothing was judged. */
export const percent = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export const BULLETIN_COLUMNS: BulletinColumn[] = [
  { key: 'department', header: '部门', kind: 'text' },
  ...SECTIONS.flatMap((s) => sectionFigures(s).map((f) => ({ key: `${s.key}.${f.key}`, header: f.header, kind: f.kind }))),
  { key: 'failedTargets', header: '未达标项', kind: 'text' },
];

/** A cell's value by its column key: a figure, the department's name, or the failed targets' Chinese names. */
export function cellValue(row: BulletinRow, key: string): string | number | null {
  if (key === 'department') return row.department.name;
  if (key === 'failedTargets') return row.failedTargets.map((t) => TARGET_NAMES[t]).join('；');
  const [section, figure] = key.split('.');
  return row.sections[section]?.[figure] ?? null;
}

function figuresOf(section: BulletinSection, counts: Record<string, number>): Figures {
  const figures: Figures = Object.fromEntries(section.counts.map((c) => [c.key, counts[c.key] ?? 0]));
  if (section.rate) figures.rate = percent(...section.rate.of(figures as Record<string, number>));
  return figures;
}

/** A target fails only on figures that were judged: a department with no answers due fails no response target. */
function failedTargets(row: Record<string, Figures>, targets: BulletinTargets): TargetKey[] {
  const failed = new Set<TargetKey>();
  for (const s of SECTIONS) {
    if (!s.rate?.target) continue;
    const [part, whole] = s.rate.of(row[s.key] as Record<string, number>);
    if (whole > 0 && part / whole < targets[s.rate.target]) failed.add(s.rate.target);
  }
  return TARGET_KEYS.filter((t) => failed.has(t));
}

/**
 * 通报 (第五篇 考核、通报; issue 17 item 6): per department, one statistical month in the business time zone.
 * Read side, like the monthly summary: each section is one aggregation over its module's table, run side by side.
 * No resident field is read.
 */
@Injectable()
export class BulletinQuery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async month(month: string): Promise<Bulletin> {
    const rule = monthRuleOf(this.policy.company);
    const { start, end } = monthRange(month, rule);
    const now = this.clock.now();
    const em = this.db.manager;
    const results = await readTogether<Array<Array<{ department_id: string } & Record<string, number>>>>(
      em,
      // PostgreSQL refuses a parameter a statement does not use: `now` goes only to the sections that judge lateness.
      ...SECTIONS.map((s) => () => em.query(s.sql, s.sql.includes('$3') ? [start, end, now] : [start, end])),
    );
    const counts = new Map<string, Record<string, Record<string, number>>>();
    SECTIONS.forEach((s, i) => {
      for (const { department_id, ...figures } of results[i]) {
        const byDepartment = counts.get(department_id) ?? {};
        byDepartment[s.key] = figures;
        counts.set(department_id, byDepartment);
      }
    });
    const departments = await this.directory.departments(counts.keys());
    const targets = this.policy.bulletin.targets;
    const rows: BulletinRow[] = [...counts.entries()].map(([id, bySection]) => {
      const sections = Object.fromEntries(SECTIONS.map((s) => [s.key, figuresOf(s, bySection[s.key] ?? {})]));
      const d = departments.get(id);
      return { department: { id, code: d?.code ?? '?', name: d?.name ?? '?' }, failedTargets: failedTargets(sections, targets), sections };
    });
    rows.sort((a, b) => Number(b.failedTargets.length > 0) - Number(a.failedTargets.length > 0) || a.department.code.localeCompare(b.department.code));
    return {
      month,
      timeZone: rule.timeZone,
      range: { start: start.toISOString(), end: end.toISOString() },
      generatedAt: now.toISOString(),
      targets: { ...targets },
      sections: SECTIONS.map(({ key, title }) => ({ key, title })),
      columns: BULLETIN_COLUMNS,
      rows,
    };
  }
}
