import { ChannelSender } from '../../src/channels/channel-sender.js';
import type { ChannelEndpoint, Policy } from '../../src/config/policy.js';
import { APPEND_ONLY_TABLES } from '../../src/database/append-only.js';
import { HttpReceiver } from '../utils/http-receiver.js';
import type { TestApp } from '../utils/create-app.js';
import { TINY_PNG } from './attachment.factory.js';
import { createCompany } from './org.factory.js';
import { fileTicket, intakeBody } from './ticket.factory.js';
import { createOnlineDesk, fileOnline, withOnlineDesk } from './resident.factory.js';

export type Company = Awaited<ReturnType<typeof createCompany>>;

/** A webhook endpoint on a receiver on 127.0.0.1, so the scenario's notices leave `channel_attempt` rows; stop the receiver after the test. */
export async function evidenceChannel(): Promise<{ receiver: HttpReceiver; policy: (p: Policy) => Policy }> {
  const receiver = new HttpReceiver();
  await receiver.start();
  receiver.answer('/hook', () => ({ status: 204, body: {} }));
  process.env.EVIDENCE_WEBHOOK_SECRET = 'evidence-webhook-secret';
  const endpoint = {
    name: 'evidence-hook',
    kind: 'webhook',
    url: `${receiver.url}/hook`,
    secretEnv: 'EVIDENCE_WEBHOOK_SECRET',
    events: ['ticket.received'],
    departments: [],
    roles: [],
  };
  // The residents' page is open (its duty clerk is made by recordEvidence), so its consent and rating rows are evidence too.
  return { receiver, policy: withOnlineDesk((p) => ({ ...p, channels: { ...p.channels, endpoints: [endpoint as ChannelEndpoint] } })) };
}

/**
 * At least one row in every evidence table, each made over HTTP by the person whose job it is: a
 * ticket answered late (breach, escalation, late answer), a repeat contact, a tick, a written report to leaders, a follow-up visit, a photo, a notice sent through an outgoing channel, a
 * city-level overreach with its disciplinary case and outcome, a valid complaint, and November closed.
 * Moves the clock from 2 November to 1 December 2026 (tokens in tests live 30 days).
 */
export async function recordEvidence(t: TestApp): Promise<{ org: Company; ticketId: string }> {
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = async (path: string, token: string, body: object, status: number) => {
    const res = await t.http().post(path).set(auth(token)).send(body);
    if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  t.clock.set('2026-11-02T02:00:00Z');
  const org = await createCompany(t);
  const phone = '13900007777';
  const complainant = { name: '吴女士', phone, address: { community: '证据花园', building: '1' } };
  const ticket = await fileTicket(t, org.eng.staff.token, { complainant });
  await post('/tickets', org.eng.staff.token, intakeBody({ complainant, relatedTicketId: ticket.id }), 200); // the same matter again
  t.clock.set('2026-11-03T02:01:00Z');
  await post('/admin/sweeps', t.adminToken, {}, 200);
  await t.app.get(ChannelSender).sendDue(); // the new ticket's notice, through the channel of evidenceChannel()
  await post(`/tickets/${ticket.id}/replies`, org.eng.staff.token, { content: '抱歉，今天上午维修', via: 'phone' }, 200);
  await post(`/tickets/${ticket.id}/checklist/listen`, org.eng.staff.token, { note: '听完业主陈述' }, 200);
  await post(`/tickets/${ticket.id}/leader-reports`, org.eng.staff.token, { matters: ['wide_impact'], content: '整栋楼道灯损坏，影响全楼住户' }, 201);
  await post(`/tickets/${ticket.id}/resolve`, org.eng.staff.token, { summary: '已修复' }, 200);
  await post(`/tickets/${ticket.id}/follow-ups`, org.eng.supervisor.token, { contact: 'phone', verdict: 'satisfied', note: '业主满意' }, 201);
  await post(`/tickets/${ticket.id}/attachments`, org.eng.staff.token, { fileName: '现场照片.png', contentType: 'image/png', contentBase64: TINY_PNG }, 201);
  t.clock.set('2026-11-03T06:00:00Z');
  const overreach = await post(
    `/tickets/${ticket.id}/overreach`,
    org.manager.token,
    { level: 'city', venueKind: 'media', venueName: '许昌日报', occurredAt: '2026-11-03T03:00:00Z', attribution: 'slow' },
    201,
  );
  await post(`/scoring/disciplinary-cases/${overreach.disciplinaryCaseId}/outcome`, org.hr.token, { outcome: 'demerit', note: '记过一次' }, 200);
  await post(
    `/tickets/${ticket.id}/valid-complaint`,
    org.eng.supervisor.token,
    { employeeId: org.eng.staff.id, withinDuties: true, assignedBySupervisor: false, couldBeDoneAtOnce: true, verdict: 'valid', reason: '可当场处理未处理' },
    201,
  );
  // Filed on the residents' page (consent), answered, resolved and rated there (回访 online).
  const desk = await createOnlineDesk(t, org.cs.department);
  const online = await fileOnline(t, { phone: '13900008888' });
  const [{ id: onlineId }] = await t.db.query('SELECT id FROM ticket WHERE reference = $1', [online.reference]);
  await post(`/tickets/${onlineId}/replies`, desk.token, { content: '已安排维修', via: 'online' }, 200);
  await post(`/tickets/${onlineId}/resolve`, desk.token, { summary: '已修复' }, 200);
  const rated = await t.http().post('/public/tracking/rating').send({ token: online.trackingToken, verdict: 'satisfied' });
  if (rated.status !== 200) throw new Error(`online rating: ${rated.status} ${JSON.stringify(rated.body)}`);
  t.clock.set('2026-11-30T17:00:00Z'); // 1 December 01:00 in Shanghai
  await post('/reports/performance/2026-11/close', org.hr.token, {}, 201);

  const empty: string[] = [];
  for (const table of APPEND_ONLY_TABLES) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM "${table}"`);
    if (n === 0) empty.push(table);
  }
  if (empty.length) throw new Error(`the evidence scenario left these tables empty: ${empty.join(', ')}`);
  return { org, ticketId: ticket.id };
}
