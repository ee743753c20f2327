import type { BulletinTargets } from '../config/policy.js';
import { JUDGED_DUE } from '../sla/sla-clock.entity.js';

/** The bulletin's targets (policy `bulletin.targets`), each a share of a section's figures. */
export type TargetKey = keyof BulletinTargets;
export const TARGET_KEYS = ['responseOnTime', 'resolutionOnTime', 'satisfaction', 'supervisionOnTime'] as const satisfies readonly TargetKey[];

/** What a department reads when it falls short of a target (the console, the files). */
export const TARGET_NAMES: Record<TargetKey, string> = {
  responseOnTime: '按时响应率',
  resolutionOnTime: '按时办结率',
  satisfaction: '回访满意率',
  supervisionOnTime: '督办按时办结率',
};

/** count: an integer; minutes: an integer of minutes; percent: one decimal, null when nothing was judged. */
export type FigureKind = 'count' | 'minutes' | 'percent';

export interface SectionFigure {
  key: string;
  /** The Chinese heading the console, the CSV and the XLSX all show. */
  header: string;
  kind: FigureKind;
}

/**
 * One section of the bulletin: one readable aggregation per department over the statistical month [$1, $2),
 * as of $3 (now), answering `department_id` and the section's counts, named as its figures (quoted).
 * A rate, when the section has one, is `rate`: the share `rate.of` gives, as a percent; its target, if any, is
 * checked on the exact counts. A new section (the dispatch module's sign-for and returns) is one more entry here.
 */
export interface BulletinSection {
  key: string;
  title: string;
  sql: string;
  counts: readonly SectionFigure[];
  rate?: { header: string; of: (f: Record<string, number>) => [number, number]; target?: TargetKey };
}

const IN_MONTH = (column: string) => `${column} >= $1 AND ${column} < $2`;

/** On time, late and not yet due: how every clock-like section counts (the compliance board's rule). */
const onTimeRate = (header: string, target: TargetKey) => ({
  header,
  of: (f: Record<string, number>): [number, number] => [f.onTime, f.onTime + f.late],
  target,
});

export const SECTIONS: readonly BulletinSection[] = [
  {
    key: 'response',
    title: '24小时响应',
    // 第六条, 延期 (README decision 16): judged against the original deadline, counted in the month of the current one.
    sql: `SELECT c.department_id, count(*)::int AS due,
            count(*) FILTER (WHERE c.met_at IS NOT NULL AND c.met_at <= ${JUDGED_DUE('c.')} AND c.breached_at IS NULL)::int AS "onTime",
            count(*) FILTER (WHERE c.breached_at IS NOT NULL OR (c.met_at IS NOT NULL AND c.met_at > ${JUDGED_DUE('c.')})
                                OR (c.status = 'running' AND ${JUDGED_DUE('c.')} <= $3))::int AS late
       FROM sla_clock c
      WHERE c.purpose = 'response' AND c.status <> 'cancelled' AND ${IN_MONTH('c.due_at')}
      GROUP BY 1`,
    counts: [
      { key: 'due', header: '响应到期', kind: 'count' },
      { key: 'onTime', header: '按时响应', kind: 'count' },
      { key: 'late', header: '超时响应', kind: 'count' },
    ],
    rate: onTimeRate('按时响应率（%）', 'responseOnTime'),
  },
  {
    key: 'resolution',
    title: '办结',
    // A ticket's resolution deadline is its latest promised reply time when one was promised, else its latest
    // 24-hour clock (第六条: 解决或答复; a reopened ticket starts a new round): the clock no other of the ticket's
    // outranks. Counted in the month of that clock's current due time and judged at its original one, as decision 16.
    sql: `SELECT c.department_id, count(*)::int AS due,
            count(*) FILTER (WHERE t.resolved_at IS NOT NULL AND t.resolved_at <= ${JUDGED_DUE('c.')})::int AS "onTime",
            count(*) FILTER (WHERE t.resolved_at > ${JUDGED_DUE('c.')} OR (t.resolved_at IS NULL AND ${JUDGED_DUE('c.')} <= $3))::int AS late
       FROM sla_clock c JOIN ticket t ON t.id = c.ticket_id
      WHERE c.purpose IN ('response', 'promised_reply') AND c.status <> 'cancelled' AND ${IN_MONTH('c.due_at')}
        AND NOT EXISTS (
              SELECT 1 FROM sla_clock l
               WHERE l.ticket_id = c.ticket_id AND l.purpose IN ('response', 'promised_reply') AND l.status <> 'cancelled'
                 AND (l.purpose = 'promised_reply', l.started_at, l.id) > (c.purpose = 'promised_reply', c.started_at, c.id))
      GROUP BY 1`,
    counts: [
      { key: 'due', header: '办结到期', kind: 'count' },
      { key: 'onTime', header: '按时办结', kind: 'count' },
      { key: 'late', header: '超时办结', kind: 'count' },
    ],
    rate: onTimeRate('按时办结率（%）', 'resolutionOnTime'),
  },
  {
    key: 'extensions',
    title: '延期',
    // Counted in the month asked, for the clock's department (as GET /extensions/summary counts them).
    sql: `SELECT e.department_id, count(*)::int AS requested,
            count(*) FILTER (WHERE e.status = 'approved')::int AS approved,
            count(*) FILTER (WHERE e.status = 'refused')::int AS refused,
            COALESCE(sum(e.minutes) FILTER (WHERE e.status = 'approved'), 0)::int AS "approvedMinutes"
       FROM ticket_extension e
      WHERE ${IN_MONTH('e.requested_at')}
      GROUP BY 1`,
    counts: [
      { key: 'requested', header: '延期申请', kind: 'count' },
      { key: 'approved', header: '延期批准', kind: 'count' },
      { key: 'refused', header: '延期驳回', kind: 'count' },
      { key: 'approvedMinutes', header: '批准延期时长（分钟）', kind: 'minutes' },
    ],
  },
  {
    key: 'supervision',
    title: '督办',
    // 督办单: on time when the issuer accepted the written feedback by the deadline; breached or still open past it, late.
    sql: `SELECT o.department_id, count(*)::int AS due,
            count(*) FILTER (WHERE o.closed_at IS NOT NULL AND o.closed_at <= o.due_at AND o.breached_at IS NULL)::int AS "onTime",
            count(*) FILTER (WHERE o.breached_at IS NOT NULL OR o.closed_at > o.due_at OR (o.closed_at IS NULL AND o.due_at <= $3))::int AS late
       FROM supervision_order o
      WHERE ${IN_MONTH('o.due_at')}
      GROUP BY 1`,
    counts: [
      { key: 'due', header: '督办到期', kind: 'count' },
      { key: 'onTime', header: '督办按时', kind: 'count' },
      { key: 'late', header: '督办超时', kind: 'count' },
    ],
    rate: onTimeRate('督办按时率（%）', 'supervisionOnTime'),
  },
  {
    key: 'satisfaction',
    title: '回访满意度',
    // 回访 (第二条) with a verdict, for the ticket's department; 无人接听 and 联系不上 are no verdict.
    sql: `SELECT t.department_id,
            count(*) FILTER (WHERE f.verdict = 'satisfied')::int AS satisfied,
            count(*) FILTER (WHERE f.verdict = 'basically_satisfied')::int AS "basicallySatisfied",
            count(*) FILTER (WHERE f.verdict = 'dissatisfied')::int AS dissatisfied
       FROM follow_up f JOIN ticket t ON t.id = f.ticket_id
      WHERE ${IN_MONTH('f.at')} AND f.verdict IN ('satisfied', 'basically_satisfied', 'dissatisfied')
      GROUP BY 1`,
    counts: [
      { key: 'satisfied', header: '满意', kind: 'count' },
      { key: 'basicallySatisfied', header: '基本满意', kind: 'count' },
      { key: 'dissatisfied', header: '不满意', kind: 'count' },
    ],
    rate: {
      header: '满意率（%）',
      of: (f) => [f.satisfied + f.basicallySatisfied, f.satisfied + f.basicallySatisfied + f.dissatisfied],
      target: 'satisfaction',
    },
  },
  {
    key: 'repeatContacts',
    title: '重复来电',
    // 第九条: the resident raised the same open matter again, for the ticket's department.
    sql: `SELECT t.department_id, count(*)::int AS contacts
       FROM ticket_contact c JOIN ticket t ON t.id = c.ticket_id
      WHERE ${IN_MONTH('c.at')}
      GROUP BY 1`,
    counts: [{ key: 'contacts', header: '重复来电', kind: 'count' }],
  },
];

/** Every figure of a section in column order: its counts, then its rate as `rate`. */
export const sectionFigures = (s: BulletinSection): SectionFigure[] => [
  ...s.counts,
  ...(s.rate ? [{ key: 'rate', header: s.rate.header, kind: 'percent' as const }] : []),
];
