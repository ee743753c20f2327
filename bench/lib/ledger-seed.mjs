// Penalty-ledger entries in bulk by SQL for the report benchmarks: charges spread over the staff, in the
// month being reported, against the seeded tickets. Skipped (with the reason) while the scoring module's
// tables are not in the schema.

const NEEDED = [
  'kind',
  'rule',
  'role',
  'employee_id',
  'employee_name',
  'department_id',
  'department_name',
  'points',
  'amount_fen',
  'sanction',
  'ticket_id',
  'source_kind',
  'source_id',
  'occurred_at',
  'month',
  'original_month',
  'recorded_by_id',
  'recorded_at',
];

export async function seedLedger(db, org, { count, month, now, spreadSeconds }) {
  const { rows } = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'scoring_entry'`);
  if (!rows.length) return { seeded: 0, reason: 'no scoring_entry table in the schema yet (the scoring module has not landed)' };
  const have = new Set(rows.map((r) => r.column_name));
  const missing = NEEDED.filter((c) => !have.has(c));
  if (missing.length) return { seeded: 0, reason: `scoring_entry lacks the columns this seeder writes: ${missing.join(', ')}` };
  await db.query(
    `WITH people AS (
       SELECT s.id, s.name, s.department_id, d.name AS department_name, row_number() OVER (ORDER BY s.username) - 1 AS k, count(*) OVER () AS n
         FROM staff s LEFT JOIN department d ON d.id = s.department_id WHERE s.department_id IS NOT NULL)
     INSERT INTO scoring_entry (kind, rule, role, employee_id, employee_name, department_id, department_name, points, amount_fen, sanction,
                                ticket_id, source_kind, source_id, occurred_at, month, original_month, recorded_by_id, recorded_at)
     SELECT 'charge', r.rule, r.role, p.id, p.name, p.department_id, p.department_name, r.points, CASE WHEN i % 10 = 0 THEN 5000 ELSE 0 END,
            r.sanction, md5('bench-ticket-' || (1 + i % $2::int))::uuid, r.source_kind, md5('bench-source-' || i)::uuid,
            $4::timestamptz - (i % $6::int) * interval '1 second', $3, $3, $5::uuid, $4::timestamptz
       FROM generate_series(1, $1::int) AS i
       JOIN people p ON p.k = i % p.n
       CROSS JOIN LATERAL (SELECT * FROM (VALUES
         ('overreach.company', 'responsible', 20, 'none', 'overreach'),
         ('overreach.county', 'supervisor', 30, 'warning', 'overreach'),
         ('overreach.city', 'supervisor', 50, 'disciplinary', 'overreach'),
         ('valid_complaint', 'employee', 0, 'none', 'valid_complaint')) AS v(rule, role, points, sanction, source_kind)
         OFFSET (i % 4) LIMIT 1) r`,
    [count, 10_000, month, now, org.manager.id, spreadSeconds],
  );
  await db.query('ANALYZE scoring_entry');
  return { seeded: count };
}
