// Turns the statements captured from one real intake (bench/sql-capture.mjs) into a pgbench script that
// sends the same statements, in the same order and transaction, with only the per-request values varied:
//   - the values the bench chose for that request (phone, building, idempotency key) become per-client
//     counters, so no two transactions collide on a lock or a unique key;
//   - ids the database returned (INSERT … RETURNING "id", e.g. the ticket's) are kept with \gset and
//     reused where the app reused them;
//   - the ticket reference is rebuilt from the counter row the script itself increments;
//   - any other fresh uuid (the ticket's, the event's and the clocks' ids made in the app) becomes a fresh uuid per
//     transaction that is time-ordered like the app's (src/common/time-ordered-id.ts): its first 8 digits grow with
//     the run and the client's transaction count, so the baseline's inserts land at the indexes' right edge too.
// Statements are sent with the simple protocol and the parameters inlined as literals (pgbench -M simple).

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const literal = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);

function inline(entry) {
  const text = entry.text.replace(/\s+/g, ' ').trim();
  if (!entry.values?.length) return text;
  return text.replace(/\$(\d+)/g, (_, n) => literal(entry.values[Number(n) - 1]));
}

/**
 * @param statements captured entries of one intake, in order
 * @param chosen {phone, building, idempotencyKey, reference} as sent/returned for that intake
 * @param db a pg client on the bench database, to tell static ids (staff, departments) from fresh ones
 */
export async function pgbenchScript(statements, chosen, db) {
  const count = (re) => statements.filter((e) => re.test(e.text)).length;
  if (count(/^START TRANSACTION$/) !== 1 || count(/^COMMIT$/) !== 1) {
    throw new Error(`the capture is not one intake transaction (${statements.length} statements); was the app busy with something else?`);
  }
  const sql = statements.map(inline);
  const known = new Set((await db.query(`SELECT id::text FROM staff UNION ALL SELECT id::text FROM department`)).rows.map((r) => r.id));
  const fresh = [...new Set(sql.join('\n').match(UUID) ?? [])].filter((u) => !known.has(u));

  // Ids returned by a single-row INSERT … RETURNING "id" and used later: \gset them.
  const gsets = new Map(); // statement index -> prefix
  const replacements = new Map(); // literal -> pgbench text
  for (const [i, entry] of statements.entries()) {
    const m = /^INSERT INTO "?(\w+)"?\s*\(.*\) VALUES \([^)]*\) RETURNING "id"/s.exec(entry.text);
    if (!m) continue;
    const candidates = fresh.filter((u) => !replacements.has(u) && !sql[i].includes(u) && sql.slice(i + 1).some((s) => s.includes(u)));
    if (!candidates.length) continue;
    const { rows } = await db.query(`SELECT id::text FROM "${m[1]}" WHERE id::text = ANY($1)`, [candidates]);
    if (!rows.length) continue;
    if (rows.length > 1) throw new Error(`statement ${i} returned several ids used later; cannot replay it`);
    gsets.set(i, `bv_r${i}_`);
    replacements.set(rows[0].id, `:bv_r${i}_id`);
  }

  // The reference is TS-<day>-<counter>: rebuild it from the counter this transaction increments.
  const counter = statements.findIndex((e) => /ticket_reference_counter.*RETURNING last/s.test(e.text));
  if (counter < 0) throw new Error('no reference counter statement in the captured intake');
  gsets.set(counter, `bv_r${counter}_`);
  replacements.set(chosen.reference, `${chosen.reference.replace(/\d+$/, '')}:bv_r${counter}_last`);

  replacements.set(chosen.phone, ':bv_phone');
  replacements.set(chosen.building, 'PB:bv_run-:client_id-:bv_seq');
  replacements.set(chosen.idempotencyKey, 'pgbench-:bv_run-:client_id-:bv_seq');

  const header = [
    '\\set bv_seq :bv_seq + 1',
    '\\set bv_phone 13000000000 + :bv_run * 200000000 + :client_id * 10000000 + :bv_seq',
    // 1, the run (below 100), the transaction's number (below 100,000): 8 decimal digits, which sort as hex does.
    '\\set bv_t 10000000 + :bv_run * 100000 + :bv_seq',
  ];
  let n = 0;
  for (const u of fresh) {
    if (replacements.has(u)) continue;
    n++;
    header.push(`\\set bv_u${n} random(100000000000, 999999999999)`);
    replacements.set(u, `:bv_t-0000-7000-8000-:bv_u${n}`);
  }

  // Longest first, so a value that contains another is replaced whole.
  const ordered = [...replacements.entries()].sort((a, b) => b[0].length - a[0].length);
  const body = sql.map((s, i) => {
    let out = s;
    for (const [from, to] of ordered) out = out.split(from).join(to);
    return gsets.has(i) ? `${out} \\gset ${gsets.get(i)}` : `${out};`;
  });
  const leftovers = [chosen.phone, chosen.building, chosen.idempotencyKey, chosen.reference].filter((v) => body.some((s) => s.includes(v)));
  if (leftovers.length) throw new Error(`per-request values left in the pgbench script: ${leftovers.join(', ')}`);
  return { script: [...header, ...body].join('\n') + '\n', statements: body.length, freshIds: fresh.length };
}
