// Open tickets in bulk by SQL (generate_series), each with the two clocks intake starts for an accepted
// complaint: the 24-hour answer clock (warns at 18 h) and the 48-hour activity clock (warns at 36 h),
// and the handler term the scoring module records at intake.
// Tickets are numbered: ticket n has id md5('bench-ticket-n') and clocks md5('bench-clock-response-n'),
// md5('bench-clock-activity-n'), so a later step can make a chosen range of clocks due without a lookup.
// Received times are spread over the last 16 hours (less when the statistical month began more recently,
// so that every seeded ticket counts in this month's reports), so no seeded clock is due until a step
// makes it so.

const CATEGORY_OF = { CS: '服务态度', ENG: '报修', SEC: '安全', ENV: '卫生' };

/**
 * Tickets from+1 … to. The loads run with the tables' secondary indexes dropped and rebuilt afterwards
 * (same definitions, read from pg_indexes), the usual way to bulk-load; ANALYZE follows.
 */
export async function seedTickets(db, org, { from, to, now, explanation, spreadSeconds = 57600 }) {
  const roster = org.departments.flatMap((d, di) => d.handlers.map((h, k) => ({ di, k, h, d: d.id, c: CATEGORY_OF[d.code] })));
  const perDepartment = Math.min(...org.departments.map((d) => d.handlers.length));
  const params = [
    from,
    to,
    now,
    perDepartment,
    org.departments.length,
    roster.map((r) => r.di),
    roster.map((r) => r.k),
    roster.map((r) => r.h),
    roster.map((r) => r.d),
    roster.map((r) => r.c),
    spreadSeconds,
  ];
  // The scoring module keeps who handled each ticket from intake on (the HR report counts them).
  const [{ terms }] = (await db.query(`SELECT to_regclass('scoring_handler_term') IS NOT NULL AS terms`)).rows;
  const indexes = await dropSecondaryIndexes(db, ['ticket', 'sla_clock', ...(terms ? ['scoring_handler_term'] : [])]);
  await db.query(
    `INSERT INTO ticket (id, reference, channel, status, disposition, severity, category, complainant_name, complainant_phone,
                         community, building, unit, room, summary, requests, first_responder_id, handler_id, department_id,
                         received_at, registered_at, last_activity_at, version)
     SELECT md5('bench-ticket-' || i)::uuid, 'BN-' || lpad(i::text, 9, '0'),
            (ARRAY['phone','phone','phone','visit','online','written','referral'])[1 + i % 7], 'open', 'accepted',
            CASE WHEN i % 50 = 0 THEN 'major' ELSE 'general' END, r.category, '业主' || (i % 997),
            '13' || lpad((i % 1000000000)::text, 9, '0'), '小区' || (i % 300), (i % 40)::text, (i % 6)::text, (100 + i % 3000)::text,
            '楼道灯坏了，晚上看不见', '尽快修好', r.staff_id, r.staff_id, r.department_id,
            t.received_at, t.received_at, t.received_at, 1
       FROM generate_series($1::int + 1, $2::int) AS i
       CROSS JOIN LATERAL (SELECT $3::timestamptz - ((i % $11::int) * interval '1 second') AS received_at) t
       JOIN unnest($6::int[], $7::int[], $8::uuid[], $9::uuid[], $10::text[]) AS r(d, k, staff_id, department_id, category)
         ON r.d = i % $5::int AND r.k = (i / $5::int) % $4::int`,
    params,
  );
  for (const [purpose, span, warn] of [
    ['response', 1440, 1080],
    ['activity', 2880, 2160],
  ]) {
    await db.query(
      `INSERT INTO sla_clock (id, ticket_id, purpose, status, handler_id, department_id, category, calendar, span_minutes,
                              started_at, warn_at, due_at, explanation, escalation_level, paused_minutes, next_check_at)
       SELECT md5('bench-clock-' || $3 || '-' || substr(t.reference, 4)::int)::uuid, t.id, $3, 'running', t.handler_id, t.department_id, t.category,
              'continuous', $4::int, t.received_at, t.received_at + $5::int * interval '1 minute', t.received_at + $4::int * interval '1 minute',
              $6::jsonb, 0, 0, t.received_at + $5::int * interval '1 minute'
         FROM ticket t
        WHERE t.reference >= 'BN-' || lpad(($1::int + 1)::text, 9, '0') AND t.reference <= 'BN-' || lpad($2::int::text, 9, '0')`,
      [from, to, purpose, span, warn, explanation],
    );
  }
  if (terms) {
    await db.query(
      `INSERT INTO scoring_handler_term (ticket_id, handler_id, department_id, started_at)
       SELECT id, handler_id, department_id, received_at FROM ticket
        WHERE reference >= 'BN-' || lpad(($1::int + 1)::text, 9, '0') AND reference <= 'BN-' || lpad($2::int::text, 9, '0')`,
      [from, to],
    );
  }
  await recreateIndexes(db, indexes);
  for (const table of ['ticket', 'sla_clock', ...(terms ? ['scoring_handler_term'] : [])]) await db.query(`VACUUM ANALYZE ${table}`);
}

/** Makes the answer clocks of tickets first … first+count-1 due now: warned earlier, deadline 5 minutes ago. */
export async function makeDue(db, { first, count, now }) {
  const ids = (
    await db.query(
      `UPDATE sla_clock SET started_at = $3::timestamptz - interval '1445 minutes', warn_at = $3::timestamptz - interval '365 minutes',
              warned_at = $3::timestamptz - interval '365 minutes', due_at = $3::timestamptz - interval '5 minutes',
              breached_at = NULL, escalation_level = 0, next_check_at = $3::timestamptz - interval '5 minutes'
        WHERE id IN (SELECT md5('bench-clock-response-' || i)::uuid FROM generate_series($1::int, $1::int + $2::int - 1) AS i)
       RETURNING id`,
      [first, count, now],
    )
  ).rows;
  if (ids.length !== count) throw new Error(`expected ${count} clocks made due, got ${ids.length}`);
}

async function dropSecondaryIndexes(db, tables) {
  const { rows } = await db.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const r of rows) await db.query(`DROP INDEX "${r.indexname}"`);
  return rows.map((r) => r.indexdef);
}

async function recreateIndexes(db, definitions) {
  for (const def of definitions) await db.query(def);
}
