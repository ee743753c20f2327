import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../config/config-validation.js';
import { loadPolicy, parsePolicy } from '../config/policy.loader.js';
import { SlaPolicy } from '../sla/sla-policy.js';
import { channelRetryDelayMs, endpointSecrets } from './channel-sender.js';
import { QuietHours } from './quiet-hours.js';

const POLICY_FILE = path.resolve('config/policy.yaml');

function problems(endpoints: unknown[], extra: Record<string, unknown> = {}): string[] {
  const raw = parse(readFileSync(POLICY_FILE, 'utf8'));
  raw.channels = { ...raw.channels, endpoints, ...extra };
  try {
    parsePolicy(stringify(raw), 'policy.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('outgoing channels: policy, secrets, quiet hours, backoff', () => {
  it('ships off: no endpoint, so nothing is sent and no outbox row is written', () => {
    expect(loadPolicy(POLICY_FILE).channels.endpoints).toEqual([]);
  });

  it('refuses an endpoint without what its kind needs, a duplicate name, or a secret written into the policy', () => {
    const found = problems([
      { name: 'ding', kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send', keyEnv: 'DING_TOKEN', events: ['sla.breached'] },
      { name: 'ding', kind: 'webhook', url: 'https://x.example/h', secretEnv: 'not an env name!', events: ['sla.breached'] },
      { name: 'sms', kind: 'sms', url: 'https://sms.tencentcloudapi.com', keyEnv: 'SMS_ID', secretEnv: 'SMS_KEY', events: ['ticket.promised'] },
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        'channels.endpoints.0.secretEnv: required for a dingtalk endpoint',
        'channels.endpoints.1.name: "ding" is listed twice',
        expect.stringContaining('channels.endpoints.1.secretEnv: must name an environment variable'),
        'channels.endpoints.2.smsAppId: required for a sms endpoint',
      ]),
    );
  });

  it("refuses a rating SMS (ticket.resolved) without its template or the residents' page address, and accepts it with both", () => {
    const sms = {
      name: 'rate',
      kind: 'sms',
      url: 'https://sms.tencentcloudapi.com',
      keyEnv: 'SMS_ID',
      secretEnv: 'SMS_KEY',
      smsAppId: '1400000000',
      smsSignName: '阳光物业',
      smsTemplateId: '123456',
      smsRegion: 'ap-guangzhou',
      events: ['ticket.promised', 'ticket.resolved'],
    };
    expect(problems([sms])).toEqual([
      'channels.endpoints.0.smsRatingTemplateId: required for a sms endpoint that sends ticket.resolved',
      'resident.publicUrl: required for sms endpoint "rate" to link residents to the rating page',
    ]);
    const raw = parse(readFileSync(POLICY_FILE, 'utf8'));
    raw.channels = { ...raw.channels, endpoints: [{ ...sms, smsRatingTemplateId: '654321' }] };
    raw.resident = { ...raw.resident, publicUrl: 'https://wuye.example.com' };
    expect(parsePolicy(stringify(raw), 'policy.yaml').resident.publicUrl).toBe('https://wuye.example.com');
    raw.resident.publicUrl = 'https://wuye.example.com/?from=sms';
    expect(() => parsePolicy(stringify(raw), 'policy.yaml')).toThrow(/resident\.publicUrl: must be an http\(s\) URL without query/);
  });

  it('refuses an unknown quiet-hours calendar and a URL carrying a key in its query', () => {
    expect(
      problems([{ name: 'w', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', keyEnv: 'K', events: ['sla.breached'] }]),
    ).toEqual(expect.arrayContaining([expect.stringContaining('channels.endpoints.0.url'), expect.stringContaining('channels.endpoints.0.keyEnv')]));
    expect(problems([], { quietHours: { start: '22:00', end: '08:00', calendar: 'nope' } })).toEqual(['channels.quietHours.calendar: unknown calendar "nope"']);
  });

  it('stops start-up naming the environment variable of a secret that is not set', () => {
    const policy = loadPolicy(POLICY_FILE);
    policy.channels.endpoints = [
      { name: 'ops', kind: 'webhook', url: 'https://x.example/h', secretEnv: 'OPS_HOOK_SECRET', events: ['sla.breached'], departments: [], roles: [] },
    ];
    expect(() => endpointSecrets(policy, {})).toThrow(/OPS_HOOK_SECRET: must be set for channel endpoint "ops"/);
    expect(endpointSecrets(policy, { OPS_HOOK_SECRET: 's' }).get('ops')).toEqual({ secret: 's', key: undefined });
  });

  it('quiet hours: 22:00–08:00 and the office calendar’s days off are quiet; a held notice is released at the next working morning', () => {
    const policy = loadPolicy(POLICY_FILE);
    const office = new SlaPolicy(policy).calendar('office');
    const quiet = new QuietHours('22:00', '08:00', 'Asia/Shanghai', office);
    expect(quiet.isQuiet(new Date('2026-11-02T02:00:00Z'))).toBe(false); // Monday 10:00
    expect(quiet.release(new Date('2026-11-02T14:30:00Z')).toISOString()).toBe('2026-11-03T00:00:00.000Z'); // Monday 22:30 → Tuesday 08:00
    expect(quiet.release(new Date('2026-11-06T15:00:00Z')).toISOString()).toBe('2026-11-09T00:00:00.000Z'); // Friday 23:00 → Monday 08:00
    expect(quiet.release(new Date('2026-10-01T02:00:00Z')).toISOString()).toBe('2026-10-08T00:00:00.000Z'); // 国庆 2026: back on Thursday 8 October
    expect(quiet.isQuiet(new Date('2026-10-10T02:00:00Z'))).toBe(false); // Saturday 10 October is a 调休 workday
  });

  it('backs off exponentially from the first delay up to the maximum', () => {
    const policy = loadPolicy(POLICY_FILE);
    expect([1, 2, 3, 4, 10].map((n) => channelRetryDelayMs(policy, n) / 1000)).toEqual([30, 60, 120, 240, 3600]);
  });
});
