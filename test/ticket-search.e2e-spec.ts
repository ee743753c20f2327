import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

/**
 * `GET /tickets?q=` (DESIGN: GET /tickets filters by text) through the ticket's indexed unigrams and
 * bigrams, rechecked by the ILIKE the search always ran: on a seeded corpus its results are the old
 * query's, term by term, and the GIN index serves it.
 */
describe('ticket search: Chinese text through an index of grams, with the ILIKE results of before', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** The search as it ran before the grams: five ILIKEs with `\`, `%` and `_` escaped, and no index. */
  const oldSearch = async (q: string): Promise<string[]> => {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: { id: string }[] = await t.db.query(
      `SELECT t.id FROM ticket t
        WHERE (t.summary ILIKE $1 OR t.requests ILIKE $1 OR t.reference ILIKE $1 OR t.complainant_name ILIKE $1 OR t.community ILIKE $1)`,
      [like],
    );
    return rows.map((r) => r.id).sort();
  };

  /** Every page of the search as `token` sees it, `limit` a page. */
  const search = async (token: string, q?: string, limit = 200): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: String(limit) };
      if (q !== undefined) query.q = q;
      if (cursor) query.cursor = cursor;
      const res = await t.http().get('/tickets').query(query).set(auth(token)).expect(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids.sort();
  };

  const corpus: Array<Record<string, unknown>> = [
    { summary: '厨房水管漏水，楼下天花板滴水', requests: '尽快上门维修', category: '报修' },
    { summary: '楼道灯坏了一周，晚上看不见', requests: '尽快修好', category: '报修' },
    { summary: '地下车库漏', requests: '排查水源', category: '报修' },
    { summary: 'Wi-Fi 信号差，路由器 ABC123 型号', requests: '更换 abc-123 设备', category: '报修' },
    { summary: '物业费上涨 50%，没有公示', requests: '说明收费依据（按第5条）', category: '收费' },
    { summary: '停车费按 a_b 方案收取？', requests: '解释 a%b 与 a_b 的区别', category: '收费' },
    { summary: '门禁卡读卡器显示 C:\\door\\01 错误', requests: '换读卡器！', category: '安全' },
    { summary: '夜间噪音扰民，邻居装修', requests: '请秩序部劝阻', category: '安全' },
    {
      summary: '垃圾桶满溢，异味大',
      requests: '每天清运两次',
      category: '卫生',
      complainant: { name: 'Mary Lee', phone: '13900001111', address: { community: 'Sunny Park 二期' } },
    },
    { summary: '电梯异响，MIXED case Text', requests: 'check ELEVATOR 3号梯', category: '报修' },
    { summary: '水', requests: '漏', category: '报修' },
    { summary: '全角ＡＢＣ字母与半角abc', requests: '无', category: '卫生' },
    {
      summary: '绿化带被占用种菜',
      requests: '恢复绿化',
      category: '卫生',
      complainant: { name: '欧阳漏水', phone: '13900002222', address: { community: '阳光花园' } },
    },
  ];

  const terms = [
    '漏水',
    '水',
    '漏',
    '滴水',
    '楼道灯',
    '厨房水管漏水',
    '水管漏水，楼下',
    '漏水了吗',
    '不存在的词',
    '龘',
    'wi-fi',
    'WI-FI',
    'Wi',
    'abc',
    'ABC123',
    'abc-123',
    'c1',
    'Ｂ',
    'ＡＢＣ',
    'mixed CASE',
    'elevator',
    'x',
    'zz',
    '50%',
    '%',
    '_',
    'a_b',
    'a%b',
    'a_',
    '\\',
    'C:\\door',
    '\\d',
    '！',
    '（按',
    '？',
    ' ',
    '3号',
    'TS-',
    'ts-2026',
    '-0001',
    'mary',
    'LEE',
    'sunny park',
    '阳光',
    '欧阳',
    '二期',
  ];

  beforeAll(async () => {
    // A window of the 4 newest tickets: pages of 2 that a common term fills there are served by the
    // index walk of the newest tickets, the others by the grams index; both must give the ILIKE's rows.
    t = await createTestApp('ticket_search', { start: '2026-11-28T02:00:00Z', policy: (p) => ({ ...p, search: { recentWindow: 4 } }) });
    org = await createCompany(t);
    for (const body of corpus) {
      // Filed by customer service and by engineering, so their staff see different parts of the corpus.
      await fileTicket(t, corpus.indexOf(body) % 2 ? org.eng.staff.token : org.cs.staff.token, body);
    }
  });
  afterAll(() => t.close());

  it('returns exactly what the old ILIKE query returns, in pages of 200 and of 2, for one-, two- and longer terms, Latin in any case, digits, punctuation, % _ \\ and terms matching nothing', async () => {
    let matched = 0;
    for (const q of terms) {
      const expected = await oldSearch(q);
      if (expected.length) matched++;
      expect({ q, ids: await search(org.manager.token, q) }).toEqual({ q, ids: expected });
      expect({ q, ids: await search(org.manager.token, q, 2) }).toEqual({ q, ids: expected });
    }
    // The corpus exercises both sides: terms that match and terms that match nothing.
    expect(matched).toBeGreaterThan(30);
    expect(matched).toBeLessThan(terms.length);
  });

  it('keeps the visibility scope: a staff member finds only the matching tickets they may see', async () => {
    const visible = new Set(await search(org.cs.staff.token));
    expect(visible.size).toBeGreaterThan(0);
    expect(visible.size).toBeLessThan(corpus.length);
    for (const q of ['漏水', '水', 'abc', '%', '_', '阳光']) {
      const expected = (await oldSearch(q)).filter((id) => visible.has(id));
      expect({ q, ids: await search(org.cs.staff.token, q) }).toEqual({ q, ids: expected });
      expect({ q, ids: await search(org.cs.staff.token, q, 1) }).toEqual({ q, ids: expected });
    }
  });

  it('keeps the index in step when a searched column changes (PostgreSQL recomputes the grams in the same statement)', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token, { summary: '原来的说明', requests: '无' });
    expect(await search(org.manager.token, '屋顶渗')).toEqual([]);
    await t.asOwner(`UPDATE ticket SET summary = '屋顶渗水' WHERE id = $1`, [ticket.id]);
    expect(await search(org.manager.token, '屋顶渗')).toEqual([ticket.id]);
    expect(await search(org.manager.token, '原来的')).toEqual(await oldSearch('原来的'));
    expect(await search(org.manager.token, '原来的')).toEqual([]);
  });

  it('the GIN index on the grams serves the search (its plan with sequential scans priced out on this small corpus)', async () => {
    const plan: { 'QUERY PLAN': string }[] = await t.db.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      return em.query(
        `EXPLAIN SELECT t.id FROM ticket t
          WHERE ticket_search_grams(t.summary, t.requests, t.reference, t.complainant_name, t.community) @> search_query_grams($1::text)
            AND (t.summary ILIKE $2 OR t.requests ILIKE $2 OR t.reference ILIKE $2 OR t.complainant_name ILIKE $2 OR t.community ILIKE $2)
          ORDER BY t.received_at DESC, t.id DESC LIMIT 51`,
        ['漏水', '%漏水%'],
      );
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on ticket_search_grams/);
  });
});
