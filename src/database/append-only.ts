/**
 * Tables whose rows are evidence: what happened, who was responsible, what was decided and what the
 * resident was told. The app may add rows to them, never change or remove one ("nothing is lost";
 * 第十条: entries are never edited or deleted). One list serves the migration that guards them, the
 * app role's grants and the tests that try to tamper with them.
 *
 * A table whose facts grow later keeps them as rows of their own: a term ends where the next one
 * starts (`org_term`), a late answer to a breach is a `sla_breach_met` row, a disciplinary outcome is a
 * `scoring_disciplinary_outcome` row.
 */
export const APPEND_ONLY_TABLES = [
  // the ticket's record (第七条 记清楚)
  'ticket_history',
  'domain_event',
  'ticket_reply',
  'ticket_contact',
  'checklist_tick',
  'follow_up',
  // deadlines missed and who was told (第六条, 第八条)
  'sla_breach',
  'sla_breach_met',
  'sla_escalation',
  // who held which post when (DESIGN decision 4)
  'org_term',
  // scoring and HR (第十条, 第十一条, 第八条(四))
  'scoring_entry',
  'scoring_overreach',
  'scoring_disciplinary_case',
  'scoring_disciplinary_outcome',
  'scoring_valid_complaint',
  'scoring_month_close',
  'report_performance_snapshot',
  // written reports to company leaders (第七条(六), 第一篇 一.8)
  'leader_report',
  // materials the resident handed in (第一篇 二.3)
  'attachment',
  'attachment_content',
  // what was sent through outgoing channels, attempt by attempt (who was told what, when)
  'channel_attempt',
  // the residents' page: consent to the processing of personal data (个人信息保护法), one-tap ratings (回访)
  'resident_consent',
  'resident_rating',
] as const;

export type AppendOnlyTable = (typeof APPEND_ONLY_TABLES)[number];

/**
 * The guard: row triggers refusing UPDATE and DELETE, a statement trigger refusing TRUNCATE. They stop
 * even the owner; the restricted app role is stopped earlier by its grants. `refuse_change()` is created
 * by the Tickets migration.
 */
export function guardStatements(table: string): string[] {
  return [
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
  ];
}

export function unguardStatements(table: string): string[] {
  return [`DROP TRIGGER IF EXISTS ${table}_append_only ON "${table}"`, `DROP TRIGGER IF EXISTS ${table}_no_truncate ON "${table}"`];
}
