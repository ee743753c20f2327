import type { Policy } from '../../src/config/policy.js';
import type { TestApp } from '../utils/create-app.js';
import { TINY_PNG } from './attachment.factory.js';
import { createStaff, type TestDepartment, type TestStaff } from './org.factory.js';

/** The online desk's duty clerk's username the resident policy names in tests. */
export const ONLINE_DESK = 'online-desk';

/** The policy with online filing open: the duty clerk `online-desk` is the first responder (首问负责制). */
export const withOnlineDesk =
  (more: (p: Policy) => Policy = (p) => p) =>
  (p: Policy): Policy =>
    more({ ...p, resident: { ...p.resident, firstResponder: { ...p.resident.firstResponder, mode: 'duty_clerk', staffUsername: ONLINE_DESK } } });

/** The policy with online filing open under first_claim: the duty clerk records, the department in charge may claim (首问负责制). */
export const withClaimingDesk =
  (claimWithinMinutes = 30) =>
  (p: Policy): Policy => ({
    ...p,
    resident: { ...p.resident, firstResponder: { mode: 'first_claim', staffUsername: ONLINE_DESK, claimWithinMinutes } },
  });

/** The duty clerk of the online desk, a staff member of the customer-service department. */
export function createOnlineDesk(t: TestApp, department: TestDepartment): Promise<TestStaff> {
  return createStaff(t, { department, roles: ['staff'], name: '网上值班员', username: ONLINE_DESK });
}

export function onlineComplaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: '报修',
    place: { community: '阳光花园', building: '3', unit: '2', room: '501' },
    description: '楼道灯坏了一周，晚上看不见',
    requests: '尽快修好',
    photos: [{ fileName: '楼道.png', contentType: 'image/png', contentBase64: TINY_PNG }],
    phone: '13812345678',
    name: '张先生',
    consent: { accepted: true, version: '2026-12' },
    ...overrides,
  };
}

/** Files a complaint on the residents' page; returns the filing's answer (reference and tracking token). */
export async function fileOnline(t: TestApp, overrides: Record<string, unknown> = {}, address = '203.0.113.7') {
  const res = await t.http().post('/public/complaints').set('X-Forwarded-For', address).send(onlineComplaint(overrides));
  if (res.status !== 201) throw new Error(`online filing: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { outcome: string; reference: string; trackingToken: string | null; trackingPath: string | null };
}
