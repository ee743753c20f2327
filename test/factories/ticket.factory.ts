import { randomInt } from 'node:crypto';
import type { TestApp } from '../utils/create-app.js';

/** A plausible intake body; each test overrides only what matters to it. */
export function intakeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'phone',
    complainant: {
      name: '张先生',
      phone: `139${String(randomInt(0, 1e8)).padStart(8, '0')}`,
      address: { community: '阳光花园', building: '3', unit: '2', room: '501' },
    },
    summary: '楼道灯坏了一周，晚上看不见',
    requests: '尽快修好',
    category: '报修',
    severity: 'general',
    disposition: 'accepted',
    ...overrides,
  };
}

export async function fileTicket(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const res = await t.http().post('/tickets').set('Authorization', `Bearer ${token}`).send(intakeBody(overrides));
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ticket as {
    id: string;
    reference: string;
    version: number;
    handler: { id: string };
    department: { id: string };
    status: string;
    [k: string]: unknown;
  };
}
