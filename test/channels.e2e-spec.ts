import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { ChannelSender } from '../src/channels/channel-sender.js';
import type { ChannelEndpoint, Policy } from '../src/config/policy.js';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';
import { HttpReceiver, type Received } from './utils/http-receiver.js';

const SECRETS = {
  CHANNEL_TEST_WEBHOOK_SECRET: 'webhook-secret-0123456789',
  CHANNEL_TEST_WECOM_KEY: 'wecom-key-693a91f6',
  CHANNEL_TEST_DINGTALK_TOKEN: 'ding-access-token-1',
  CHANNEL_TEST_DINGTALK_SECRET: 'SECd1n9t4lk5ecret',
  CHANNEL_TEST_FEISHU_TOKEN: 'feishu-hook-token',
  CHANNEL_TEST_FEISHU_SECRET: 'feishu-secret',
  CHANNEL_TEST_SMS_ID: 'AKIDtestsecretid',
  CHANNEL_TEST_SMS_KEY: 'tencent-secret-key-0123',
};

const ok = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
const smsOk = {
  status: 200,
  body: {
    Response: {
      SendStatusSet: [{ SerialNo: '1', PhoneNumber: 'x', Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }],
      RequestId: 'r-1',
    },
  },
};

/** TC3-HMAC-SHA256 as Tencent Cloud documents it (签名方法 v3), recomputed from what the receiver got. */
function tc3Signature(req: Received, secretKey: string): string {
  const timestamp = Number(req.headers['x-tc-timestamp']);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const auth = String(req.headers.authorization);
  const service = /Credential=[^/]+\/[^/]+\/([^/]+)\/tc3_request/.exec(auth)![1];
  const host = String(req.headers.host).split(':')[0];
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:${String(req.headers['content-type'])}\nhost:${host}\n`,
    'content-type;host',
    createHash('sha256').update(req.body).digest('hex'),
  ].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const h = (key: string | Buffer, msg: string) => createHmac('sha256', key).update(msg).digest();
  const signing = h(h(h(`TC3${secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', signing).update(toSign).digest('hex');
}

/** Proves: outgoing channels (webhook, 企业微信, 钉钉, SMS) consume events after commit, signed, retried, dead-lettered, quiet at night. */
describe('channels: notices through the outbox to webhook, WeCom, DingTalk and SMS', () => {
  const receiver = new HttpReceiver();
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let failFlaky = 1;
  let channelPolicy: (p: Policy) => Policy;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const sweep = async () => (await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200)).body;
  const send = () => t.app.get(ChannelSender).sendDue();
  /** Deliver the outbox (routing), then run the channel sweep. */
  const deliver = async () => {
    await sweep();
    return send();
  };
  const forEvent = (path: string, reference: string) => receiver.at(path).filter((r) => r.body.includes(reference));

  beforeAll(async () => {
    Object.assign(process.env, SECRETS);
    await receiver.start();
    receiver.answer('/hook', () => ok);
    receiver.answer('/leaders-hook', () => ok);
    receiver.answer('/supervisors-hook', () => ok);
    receiver.answer('/cgi-bin/webhook/send', () => ok);
    receiver.answer('/robot/send', () => ok);
    receiver.answer(`/open-apis/bot/v2/hook/${SECRETS.CHANNEL_TEST_FEISHU_TOKEN}`, () => ({ status: 200, body: { code: 0, msg: 'success', data: {} } }));
    receiver.answer('/broken', () => ({ status: 503, body: { error: 'down' } }));
    receiver.answer('/flaky', () => (failFlaky-- > 0 ? { status: 500, body: { error: 'once' } } : ok));
    receiver.answer('/', () => smsOk);
    const base = receiver.url;
    const endpoint = (e: Partial<ChannelEndpoint>) => ({ departments: [], roles: [], ...e }) as ChannelEndpoint;
    const tencentSms = {
      kind: 'sms' as const,
      url: base,
      keyEnv: 'CHANNEL_TEST_SMS_ID',
      secretEnv: 'CHANNEL_TEST_SMS_KEY',
      smsAppId: '1400000001',
      smsSignName: '阳光物业',
      smsTemplateId: '123456',
      smsRegion: 'ap-guangzhou',
    };
    channelPolicy = (p) => {
      p.channels.retry = { maxAttempts: 3, firstDelaySeconds: 30, maxDelaySeconds: 3600 };
      p.channels.endpoints = [
        endpoint({
          name: 'ops-webhook',
          kind: 'webhook',
          url: `${base}/hook`,
          secretEnv: 'CHANNEL_TEST_WEBHOOK_SECRET',
          events: ['ticket.received', 'sla.breached', 'ticket.promised'],
        }),
        endpoint({
          name: 'eng-wecom',
          kind: 'wecom',
          url: `${base}/cgi-bin/webhook/send`,
          keyEnv: 'CHANNEL_TEST_WECOM_KEY',
          events: ['ticket.received', 'sla.breached'],
          departments: ['ENG'],
        }),
        endpoint({
          name: 'leaders-dingtalk',
          kind: 'dingtalk',
          url: `${base}/robot/send`,
          keyEnv: 'CHANNEL_TEST_DINGTALK_TOKEN',
          secretEnv: 'CHANNEL_TEST_DINGTALK_SECRET',
          events: ['ticket.received', 'sla.breached'],
        }),
        endpoint({
          name: 'ops-feishu',
          kind: 'feishu',
          url: `${base}/open-apis/bot/v2/hook`,
          keyEnv: 'CHANNEL_TEST_FEISHU_TOKEN',
          secretEnv: 'CHANNEL_TEST_FEISHU_SECRET',
          events: ['ticket.received'],
        }),
        endpoint({ name: 'broken-hook', kind: 'webhook', url: `${base}/broken`, secretEnv: 'CHANNEL_TEST_WEBHOOK_SECRET', events: ['ticket.escalated'] }),
        endpoint({ name: 'flaky-hook', kind: 'webhook', url: `${base}/flaky`, secretEnv: 'CHANNEL_TEST_WEBHOOK_SECRET', events: ['ticket.resolved'] }),
        // Routed by role: the company leaders' group and the supervisors' group hear of what is addressed to them.
        endpoint({
          name: 'leaders-hook',
          kind: 'webhook',
          url: `${base}/leaders-hook`,
          secretEnv: 'CHANNEL_TEST_WEBHOOK_SECRET',
          events: ['sla.breached', 'sla.escalated'],
          roles: ['manager'],
        }),
        endpoint({
          name: 'supervisors-hook',
          kind: 'webhook',
          url: `${base}/supervisors-hook`,
          secretEnv: 'CHANNEL_TEST_WEBHOOK_SECRET',
          events: ['sla.breached', 'sla.escalated'],
          roles: ['supervisor'],
        }),
        // Two Tencent Cloud SMS endpoints on one account: the promised reply time (复清楚) and the rating link (回访).
        endpoint({ ...tencentSms, name: 'resident-sms', events: ['ticket.promised'] }),
        endpoint({ ...tencentSms, name: 'resident-rating-sms', smsRatingTemplateId: '654321', events: ['ticket.resolved'] }),
      ];
      p.resident.publicUrl = 'https://wuye.example.com';
      return p;
    };
    t = await createTestApp('channels', { start: '2026-11-02T02:00:00.000Z' /* Monday 10:00 in Shanghai, a working day */, policy: channelPolicy });
    org = await createCompany(t);
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  it('sends a new ticket to the generic webhook as versioned JSON signed with HMAC-SHA256 over timestamp.body', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    expect(forEvent('/hook', ticket.reference)).toHaveLength(0); // nothing is sent inside intake: only after commit, by the sweep
    await deliver();
    const [hook] = forEvent('/hook', ticket.reference);
    const timestamp = String(hook.headers['x-desk-timestamp']);
    expect(timestamp).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
    const expected = createHmac('sha256', SECRETS.CHANNEL_TEST_WEBHOOK_SECRET).update(`${timestamp}.${hook.body}`).digest('hex');
    expect(hook.headers['x-desk-signature']).toBe(`sha256=${expected}`);
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      version: 1,
      type: 'ticket.received',
      reference: ticket.reference,
      title: `新投诉：${ticket.reference}`,
      data: { ticketId: ticket.id },
    });
    expect(hook.headers['x-desk-event-id']).toBe(body.id);
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/complaint_desk_channel_attempts_total\{endpoint="ops-webhook",channel="webhook",result="ok"\} [1-9]/);
  });

  it('posts WeCom, DingTalk and Feishu robots markdown in their formats, DingTalk signed with base64(HMAC-SHA256(secret, timestamp\\nsecret)), with no resident phone', async () => {
    const phone = '13912345678';
    const ticket = await fileTicket(t, org.eng.staff.token, {
      complainant: { name: '李女士', phone, address: { community: '阳光花园', building: '5', unit: '1', room: '302' } },
    });
    await deliver();
    const [wecom] = forEvent('/cgi-bin/webhook/send', ticket.reference);
    expect(wecom.query.get('key')).toBe(SECRETS.CHANNEL_TEST_WECOM_KEY);
    expect(JSON.parse(wecom.body)).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining(`已受理新投诉 ${ticket.reference}`) } });
    const [ding] = forEvent('/robot/send', ticket.reference);
    const ts = ding.query.get('timestamp')!;
    expect(ts).toBe(String(t.clock.now().getTime()));
    expect(ding.query.get('access_token')).toBe(SECRETS.CHANNEL_TEST_DINGTALK_TOKEN);
    const secret = SECRETS.CHANNEL_TEST_DINGTALK_SECRET;
    expect(ding.query.get('sign')).toBe(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
    expect(JSON.parse(ding.body)).toEqual({
      msgtype: 'markdown',
      markdown: { title: `新投诉：${ticket.reference}`, text: expect.stringContaining(ticket.reference) },
    });
    const [feishu] = forEvent(`/open-apis/bot/v2/hook/${SECRETS.CHANNEL_TEST_FEISHU_TOKEN}`, ticket.reference);
    const card = JSON.parse(feishu.body);
    expect(card).toMatchObject({ msg_type: 'interactive', card: { elements: [{ tag: 'markdown', content: expect.stringContaining(ticket.reference) }] } });
    expect(card.sign).toBe(createHmac('sha256', `${card.timestamp}\n${SECRETS.CHANNEL_TEST_FEISHU_SECRET}`).update('').digest('base64'));
    for (const r of [wecom, ding, feishu, ...forEvent('/hook', ticket.reference)]) {
      expect(r.body).not.toContain(phone);
      expect(r.body).not.toContain('李女士');
    }
  });

  it('routes by department: the ENG WeCom robot gets ENG tickets only', async () => {
    const ticket = await fileTicket(t, org.sec.staff.token, { category: '安全' });
    await deliver();
    expect(forEvent('/hook', ticket.reference)).toHaveLength(1);
    expect(forEvent('/robot/send', ticket.reference)).toHaveLength(1);
    expect(forEvent('/cgi-bin/webhook/send', ticket.reference)).toHaveLength(0);
  });

  it('sends the resident the promised reply time by Tencent Cloud SMS, signed TC3-HMAC-SHA256 by the SDK, phone masked in the record (第六条 复清楚)', async () => {
    const phone = '13800138000';
    const ticket = await fileTicket(t, org.eng.staff.token, {
      complainant: { name: '王先生', phone, address: { community: '阳光花园', building: '2', unit: '1', room: '101' } },
    });
    await t
      .http()
      .post(`/tickets/${ticket.id}/promise`)
      .set(auth(org.eng.staff.token))
      .send({ replyBy: '2026-11-02T17:00:00+08:00', note: '下午五点前答复' })
      .expect(200);
    await deliver();
    const sms = receiver.at('/').filter((r) => r.body.includes(ticket.reference));
    expect(sms).toHaveLength(1);
    const [req] = sms;
    expect(req.headers['x-tc-action']).toBe('SendSms');
    expect(req.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(String(req.headers.authorization)).toContain(`Credential=${SECRETS.CHANNEL_TEST_SMS_ID}/`);
    expect(String(req.headers.authorization)).toMatch(new RegExp(`Signature=${tc3Signature(req, SECRETS.CHANNEL_TEST_SMS_KEY)}$`));
    expect(JSON.parse(req.body)).toMatchObject({
      PhoneNumberSet: [`+86${phone}`],
      SmsSdkAppId: '1400000001',
      SignName: '阳光物业',
      TemplateId: '123456',
      TemplateParamSet: [ticket.reference, expect.stringContaining('17:00')],
    });
    const attempts = await t.db.query(`SELECT target, result FROM channel_attempt WHERE endpoint = 'resident-sms'`);
    expect(attempts).toEqual([{ target: '138****8000', result: 'ok' }]);
    const detail = (await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.staff.token)).expect(200)).body;
    const notified = detail.history.filter((h: { action: string }) => h.action === 'resident_notified');
    expect(notified).toEqual([
      expect.objectContaining({
        after: { channel: 'sms', to: '138****8000', eventId: expect.any(String) },
        note: `您的投诉（${ticket.reference}）已受理，我们将于${JSON.parse(req.body).TemplateParamSet[1]}前答复您。`,
      }),
    ]);
  });

  it('retries a failed webhook with exponential backoff on the clock and delivers once (same event id, attempt 2)', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已更换灯泡' }).expect(200);
    await deliver();
    const first = forEvent('/flaky', ticket.reference);
    expect(first.map((r) => r.headers['x-desk-attempt'])).toEqual(['1']);
    expect(await send()).toBe(0); // not due before the backoff
    t.clock.advance(29_000);
    expect(await send()).toBe(0);
    t.clock.advance(1_000);
    await send();
    const all = forEvent('/flaky', ticket.reference);
    expect(all.map((r) => r.headers['x-desk-attempt'])).toEqual(['1', '2']);
    expect(new Set(all.map((r) => r.headers['x-desk-event-id'])).size).toBe(1);
    t.clock.advance(3_600_000);
    await deliver();
    expect(forEvent('/flaky', ticket.reference)).toHaveLength(2);
  });

  it('asks the resident by SMS to rate a resolution with a one-tap link to the residents’ page, the same link on every retry, never in the history (回访)', async () => {
    const phone = '13800138001';
    const ticket = await fileTicket(t, org.eng.staff.token, {
      complainant: { name: '赵女士', phone, address: { community: '阳光花园', building: '3', unit: '1', room: '201' } },
    });
    await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已疏通下水管' }).expect(200);
    let failSms = 1;
    receiver.answer('/', (req) => (failSms-- > 0 && req.body.includes(ticket.reference) ? { status: 502, body: { error: 'gateway' } } : smsOk));
    try {
      await deliver();
      t.clock.advance(30_000);
      await send();
    } finally {
      receiver.answer('/', () => smsOk);
    }
    const sms = receiver.at('/').filter((r) => r.body.includes(ticket.reference));
    expect(sms).toHaveLength(2); // the first attempt failed at the gateway, the retry was delivered
    for (const req of sms) expect(String(req.headers.authorization)).toMatch(new RegExp(`Signature=${tc3Signature(req, SECRETS.CHANNEL_TEST_SMS_KEY)}$`));
    const bodies = sms.map((r) => JSON.parse(r.body));
    expect(bodies[1]).toMatchObject({ PhoneNumberSet: [`+86${phone}`], TemplateId: '654321', TemplateParamSet: [ticket.reference, expect.any(String)] });
    const link: string = bodies[1].TemplateParamSet[1];
    expect(link).toMatch(/^https:\/\/wuye\.example\.com\/r\/#t=[A-Za-z0-9_-]{43}$/);
    expect(bodies[0].TemplateParamSet[1]).toBe(link); // a retry sends the same link: one live link per resolution
    expect(await t.db.query('SELECT count(*)::int AS n FROM resident_tracking_link WHERE ticket_id = $1', [ticket.id])).toEqual([{ n: 1 }]);

    // The link opens the resident's tracking page, and one tap there is the follow-up.
    const token = link.split('#t=')[1];
    expect((await t.http().post('/public/tracking').send({ token }).expect(200)).body).toMatchObject({
      reference: ticket.reference,
      status: 'resolved',
      canRate: true,
    });
    await t.http().post('/public/tracking/rating').send({ token, verdict: 'satisfied' }).expect(200);
    expect(await t.db.query('SELECT contact, verdict FROM follow_up WHERE ticket_id = $1', [ticket.id])).toEqual([{ contact: 'online', verdict: 'satisfied' }]);

    const attempts = await t.db.query(
      `SELECT target, result FROM channel_attempt WHERE endpoint = 'resident-rating-sms' AND delivery_id IN (SELECT id FROM channel_delivery WHERE ticket_id = $1) ORDER BY attempt`,
      [ticket.id],
    );
    expect(attempts).toEqual([
      { target: '138****8001', result: 'failed' },
      { target: '138****8001', result: 'ok' },
    ]);
    const history = await t.db.query(`SELECT action, after, note FROM ticket_history WHERE ticket_id = $1`, [ticket.id]);
    expect(history.filter((h: { action: string }) => h.action === 'resident_notified')).toEqual([
      {
        action: 'resident_notified',
        after: { channel: 'sms', to: '138****8001', eventId: expect.any(String) },
        note: `您的投诉（${ticket.reference}）已处理完毕，请点击链接评价处理结果：（评价链接）`,
      },
    ]);
    expect(JSON.stringify(history)).not.toContain(token);
  });

  it('does not send a rating SMS held by quiet hours when the ticket was reopened before morning', async () => {
    t.clock.set('2026-11-02T14:00:00Z'); // Monday 22:00 in Shanghai
    const ticket = await fileTicket(t, org.eng.staff.token);
    await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已更换灯泡' }).expect(200);
    await deliver();
    await t
      .http()
      .post(`/tickets/${ticket.id}/follow-ups`)
      .set(auth(org.eng.supervisor.token))
      .send({ contact: 'phone', verdict: 'dissatisfied', note: '晚上还是不亮' })
      .expect(201);
    t.clock.set('2026-11-03T00:00:00Z'); // 08:00 Tuesday
    await send();
    expect(receiver.at('/').filter((r) => r.body.includes(ticket.reference))).toHaveLength(0);
    const deliveries = await t.db.query(`SELECT status, last_error FROM channel_delivery WHERE ticket_id = $1 AND endpoint = 'resident-rating-sms'`, [
      ticket.id,
    ]);
    expect(deliveries).toEqual([{ status: 'skipped', last_error: 'ticket is open, not resolved' }]);
    expect(await t.db.query('SELECT count(*)::int AS n FROM resident_tracking_link WHERE ticket_id = $1', [ticket.id])).toEqual([{ n: 0 }]);
  });

  it('dead-letters a delivery after the policy’s attempts and shows it to admins only', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    await t.http().post(`/tickets/${ticket.id}/escalate`).set(auth(org.eng.staff.token)).send({ reason: '住户情绪激动，多次投诉' }).expect(200);
    await deliver();
    t.clock.advance(30_000);
    await send();
    t.clock.advance(60_000);
    await send();
    t.clock.advance(3_600_000);
    await send();
    expect(receiver.at('/broken').filter((r) => r.body.includes(ticket.reference))).toHaveLength(3);
    const dead = (await t.http().get('/admin/channel-dead-letters').set(auth(t.adminToken)).expect(200)).body.items;
    expect(dead).toEqual([
      expect.objectContaining({
        endpoint: 'broken-hook',
        channel: 'webhook',
        eventName: 'ticket.escalated',
        ticketId: ticket.id,
        attempts: 3,
        lastError: 'HTTP 503',
      }),
    ]);
    await t.http().get('/admin/channel-dead-letters').set(auth(org.eng.staff.token)).expect(403);
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/complaint_desk_channel_dead_letters_total\{endpoint="broken-hook",channel="webhook"\} 1/);
  });

  it('adds nothing when the outbox redelivers an event: one delivery per event and endpoint', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    await deliver();
    const before = receiver.received.length;
    await t.db.query(
      `UPDATE outbox_delivery SET status = 'pending', next_attempt_at = $1 WHERE consumer = 'channels' AND event_id IN (SELECT id FROM domain_event WHERE ticket_id = $2)`,
      [t.clock.now(), ticket.id],
    );
    await deliver();
    expect(receiver.received.length).toBe(before);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM channel_delivery WHERE ticket_id = $1 AND endpoint = 'ops-webhook'`, [ticket.id]);
    expect(n).toBe(1);
  });

  it('holds a non-urgent notice in quiet hours until morning, and sends a breach at once (quiet hours on the business calendar)', async () => {
    t.clock.set('2026-11-02T14:00:00Z'); // Monday 22:00 in Shanghai
    const ticket = await fileTicket(t, org.eng.staff.token);
    await t
      .http()
      .post(`/tickets/${ticket.id}/promise`)
      .set(auth(org.eng.staff.token))
      .send({ replyBy: '2026-11-02T22:30:00+08:00', note: '今晚回电' })
      .expect(200);
    await deliver();
    expect(forEvent('/hook', ticket.reference)).toHaveLength(0);
    t.clock.set('2026-11-02T14:31:00Z'); // the promised reply time passes: a breach is urgent (第六条)
    await deliver();
    const breach = forEvent('/hook', ticket.reference).map((r) => JSON.parse(r.body).type);
    expect(breach).toEqual(['sla.breached']);
    t.clock.set('2026-11-02T23:59:00Z'); // 07:59 Tuesday: still quiet
    await send();
    expect(forEvent('/hook', ticket.reference)).toHaveLength(1);
    t.clock.set('2026-11-03T00:00:00Z'); // 08:00 Tuesday
    await send();
    expect(
      forEvent('/hook', ticket.reference)
        .map((r) => JSON.parse(r.body).type)
        .sort(),
    ).toEqual(['sla.breached', 'ticket.promised', 'ticket.received']);
  });

  it('holds a non-urgent notice on a day off of the office calendar until the next working morning', async () => {
    t.clock.set('2026-11-07T02:00:00Z'); // Saturday 10:00
    const ticket = await fileTicket(t, org.eng.staff.token);
    await deliver();
    expect(forEvent('/hook', ticket.reference)).toHaveLength(0);
    const [{ next_attempt_at }] = await t.db.query(`SELECT next_attempt_at FROM channel_delivery WHERE ticket_id = $1 AND endpoint = 'ops-webhook'`, [
      ticket.id,
    ]);
    expect(new Date(next_attempt_at).toISOString()).toBe('2026-11-09T00:00:00.000Z'); // Monday 08:00
    t.clock.set('2026-11-09T00:00:00Z');
    await send();
    expect(forEvent('/hook', ticket.reference)).toHaveLength(1);
  });

  it('sends a held notice exactly once when another instance (a restart) takes over the same database', async () => {
    t.clock.set('2026-11-03T15:00:00Z'); // Tuesday 23:00: held until Wednesday 08:00
    const ticket = await fileTicket(t, org.eng.staff.token);
    await deliver();
    expect(forEvent('/hook', ticket.reference)).toHaveLength(0);
    const other = await createTestApp('channels_other', { databaseUrl: t.databaseUrl, policy: channelPolicy, start: '2026-11-04T00:00:00Z' });
    try {
      expect(await other.app.get(ChannelSender).sendDue()).toBeGreaterThan(0);
      t.clock.set('2026-11-04T00:00:00Z');
      await send();
      expect(forEvent('/hook', ticket.reference)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('routes by role: the supervisors’ group gets the level-1 escalation, the leaders’ group the level-2 one (第六条), neither the breach addressed to the handler', async () => {
    t.clock.set('2026-11-10T02:00:00Z'); // Tuesday 10:00
    const ticket = await fileTicket(t, org.eng.staff.token);
    await deliver();
    const types = (path: string) =>
      forEvent(path, ticket.reference).map((r) => `${JSON.parse(r.body).type} ${JSON.stringify(JSON.parse(r.body).data.level ?? '')}`);
    t.clock.set('2026-11-11T02:01:00Z'); // past the 24 hours: the breach (to the handler) and level 1 (to the supervisor)
    await deliver();
    expect(forEvent('/hook', ticket.reference).map((r) => JSON.parse(r.body).type)).toContain('sla.breached');
    expect(types('/supervisors-hook')).toEqual(['sla.escalated 1']);
    expect(types('/leaders-hook')).toEqual([]);
    t.clock.set('2026-11-11T06:02:00Z'); // 240 minutes after the breach: level 2 to the company leaders
    await deliver();
    expect(types('/leaders-hook')).toEqual(['sla.escalated 2']);
    expect(types('/supervisors-hook')).toEqual(['sla.escalated 1']);
    // The rows say so too: one delivery per routed endpoint, none for the groups it was not addressed to.
    const rows = await t.db.query(`SELECT endpoint, event_name FROM channel_delivery WHERE ticket_id = $1 AND endpoint LIKE '%s-hook' ORDER BY id`, [
      ticket.id,
    ]);
    expect(rows).toEqual([
      { endpoint: 'supervisors-hook', event_name: 'sla.escalated' },
      { endpoint: 'leaders-hook', event_name: 'sla.escalated' },
    ]);
  });
});
