import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError } from './config-validation.js';
import { loadPolicy, parsePolicy } from './policy.loader.js';

const POLICY_FILE = path.resolve('config/policy.yaml');
const realPolicy = () => parse(readFileSync(POLICY_FILE, 'utf8'));

/** The real policy with one change, run through the loader; returns the ConfigError it throws. */
function refusal(change: (policy: Record<string, any>) => void): ConfigError {
  const policy = realPolicy();
  change(policy);
  try {
    parsePolicy(stringify(policy), 'policy.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the policy to be refused, but it loaded');
}

describe('policy file (config/policy.yaml)', () => {
  it('loads the shipped policy with the decisions’ defaults', () => {
    const policy = loadPolicy(POLICY_FILE);
    expect(policy.company.timeZone).toBe('Asia/Shanghai');
    // DESIGN decision 1: 24 continuous hours from receipt; 第六条.
    expect(policy.slaDefault).toMatchObject({ calendar: 'continuous', responseMinutes: 1440, warnAtPercent: 75, pauseAllowed: false });
    // DESIGN decision 7: the statistical month is the calendar month.
    expect(policy.company.statisticalMonthStartDay).toBe(1);
    // Routing 报修 -> ENG, 安全 -> SEC, 卫生 -> ENV, 收费/服务态度 -> CS.
    expect(Object.fromEntries(Object.entries(policy.categories).map(([name, c]) => [name, c.department]))).toMatchObject({
      报修: 'ENG',
      安全: 'SEC',
      卫生: 'ENV',
      收费: 'CS',
      服务态度: 'CS',
    });
    // A category override keeps the defaults it does not name.
    expect(policy.categories['收费'].sla).toMatchObject({ pauseAllowed: true, responseMinutes: 1440 });
    // 第六条, DESIGN decision 1: every category ships on 24 continuous hours; `office` stays available to choose.
    expect(Object.values(policy.categories).map((c) => c.sla.calendar)).toEqual(Object.keys(policy.categories).map(() => 'continuous'));
    expect(policy.calendars.office.kind).toBe('working_hours');
    expect(policy.penalties.chargeOnce).toBe(true);
    // 第七条(六): company leaders are the managers; 第二条 跟清楚: the digest at 08:30 on office working days.
    expect(policy.leaderReports).toEqual({ recipientRoles: ['manager'] });
    expect(policy.followThrough).toEqual({ digestAt: '08:30', digestCalendar: 'office' });
    expect(policy.escalation.map((s) => s.level)).toEqual([1, 2]);
    // 第十条: 20 / 30 / 50 points.
    expect(policy.penalties.overreach).toMatchObject({
      company: { supervisorPoints: 20, handlerPoints: 20 },
      county: { supervisorPoints: 30, handlerPoints: 30, supervisorSanction: 'warning' },
      city: { supervisorPoints: 50, handlerPoints: 50, supervisorSanction: 'disciplinary' },
    });
    // 员工文明服务要求 2.② and 第五条: written replies refused, spoken ones flagged; 推诿 has its own category.
    expect(policy.serviceLanguage).toMatchObject({ written: 'refuse', spoken: 'flag' });
    // 第三条 (DESIGN decision 12): a suggestion answers within 3 days, an enquiry within 24 hours.
    expect(policy.kinds).toMatchObject({ suggestion: { responseMinutes: 4320 }, enquiry: { responseMinutes: 1440 } });
    expect(policy.serviceLanguage.forbidden.buck_passing.map((p) => p.phrase)).toContain('不归我管');
    // Sign-in throttling and live streams (README "Sign-in throttling", "Live events").
    expect(policy.auth.throttle).toEqual({ windowMinutes: 15, perUsernameAndAddress: 5, perAddress: 30, perUsername: 10, perUsernameAndAddressUnderAttack: 1 });
    expect(policy.live).toEqual({ maxStreamsPerPerson: 5, recheckSeconds: 5 });
    // 第一篇 二.3: materials up to 10 MiB, 20 per ticket, photos and PDFs, HR sees their facts only.
    expect(policy.attachments).toEqual({
      maxBytes: 10 * 1024 * 1024,
      maxFilesPerTicket: 20,
      allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
      hrSeesContent: false,
    });
  });

  it('fills defaults for optional sections left out', () => {
    const policy = realPolicy();
    delete policy.intake;
    delete policy.auth;
    delete policy.sweep;
    delete policy.live;
    const loaded = parsePolicy(stringify(policy));
    expect(loaded.auth.throttle.perUsernameAndAddress).toBe(5);
    expect(loaded.live.recheckSeconds).toBe(5);
    expect(loaded.intake.maxBackdateMinutes).toBe(7 * 24 * 60);
    expect(loaded.auth.minPasswordLength).toBe(8);
    expect(loaded.sweep.intervalSeconds).toBe(30);
  });

  it('ships the caps on extensions (延期) and the reminder points of supervision orders (督办单), with defaults when left out', () => {
    expect(loadPolicy(POLICY_FILE).extensions).toEqual({ maxPerTicket: 2, maxTotalMinutes: 4320 });
    const policy = realPolicy();
    delete policy.extensions;
    delete policy.supervision;
    const loaded = parsePolicy(stringify(policy));
    expect(loaded.extensions).toMatchObject({ maxPerTicket: 2, maxTotalMinutes: 4320 });
    expect(loaded.supervision).toMatchObject({ defaultSpanMinutes: 4320, remindAtPercent: [50, 90] });
  });

  it('ships the sign-for span, its warning, the return reasons and the leaders’ return of dispatches (派单/退单), with defaults when left out', () => {
    const shipped = loadPolicy(POLICY_FILE).dispatch;
    expect(shipped).toMatchObject({ signForMinutes: 60, warnAtPercent: 75, leadersAtReturn: 3 });
    expect(shipped.returnReasons.map((r) => r.code)).toEqual(['not_our_duty', 'incomplete', 'wrong_locality', 'ownership']);
    const policy = realPolicy();
    delete policy.dispatch;
    expect(parsePolicy(stringify(policy)).dispatch).toEqual(shipped);
  });

  it.each<[string, (p: Record<string, any>) => void, string]>([
    [
      'a return reason code that is not a code (退单)',
      (p) => (p.dispatch.returnReasons = [{ code: 'Not Ours', label: '非本部门职责' }]),
      'dispatch.returnReasons.0.code: must be a lower-case code',
    ],
    ['no return reasons (退单)', (p) => (p.dispatch.returnReasons = []), 'dispatch.returnReasons: must contain at least 1 elements'],
    [
      'a return reason code listed twice (退单)',
      (p) =>
        (p.dispatch.returnReasons = [
          { code: 'not_our_duty', label: '非本部门职责' },
          { code: 'incomplete', label: '信息不全' },
          { code: 'not_our_duty', label: '不归我们管' },
        ]),
      'dispatch.returnReasons.2.code: "not_our_duty" is listed twice (also dispatch.returnReasons.0.code)',
    ],
    ['a sign-for span under 5 minutes (签收)', (p) => (p.dispatch.signForMinutes = 1), 'dispatch.signForMinutes: must not be less than 5'],
    [
      'an online first-responder mode it does not know (首问负责制)',
      (p) => (p.resident.firstResponder.mode = 'round_robin'),
      'resident.firstResponder.mode: must be one of the following values: duty_clerk, first_claim',
    ],
    [
      'a claim window of no minutes (首问负责制, first_claim)',
      (p) => (p.resident.firstResponder.claimWithinMinutes = 0),
      'resident.firstResponder.claimWithinMinutes: must not be less than 1',
    ],
  ])('refuses %s, naming the key', (_, change, expected) => {
    expect(refusal(change).message).toContain(expected);
  });

  it.each<[string, (p: Record<string, any>) => void, string]>([
    ['an unknown calendar as the default', (p) => (p.sla.default.calendar = 'lunar'), 'sla.default.calendar: unknown calendar "lunar"'],
    [
      'an unknown calendar in a category override',
      (p) => (p.categories['收费'].sla.calendar = 'lunar'),
      'categories.收费.sla.calendar: unknown calendar "lunar"',
    ],
    ['a time zone that does not exist', (p) => (p.company.timeZone = 'Mars/Olympus'), 'company.timeZone: must be an IANA time zone'],
    ['a negative SLA span', (p) => (p.sla.default.responseMinutes = -5), 'sla.default.responseMinutes: must not be less than 1'],
    [
      'a negative span in a category override',
      (p) => (p.categories['报修'].sla = { staleMinutes: -1 }),
      'categories.报修.sla.staleMinutes: must not be less than 1',
    ],
    ['a span that is not a whole number', (p) => (p.sla.default.followUpMinutes = 1.5), 'sla.default.followUpMinutes: must be an integer'],
    [
      'an appointment response clock that is neither met nor paused',
      (p) => (p.appointments.responseClock = 'sometimes'),
      'appointments.responseClock: must be one of the following values: met, paused',
    ],
    ['a negative appointment grace', (p) => (p.appointments.graceMinutes = -1), 'appointments.graceMinutes: must not be less than 0'],
    ['too many intake matches', (p) => (p.intake.maxMatches = 50), 'intake.maxMatches: must not be greater than 20'],
    ['escalation levels out of order', (p) => (p.escalation = [p.escalation[1], p.escalation[0]]), 'escalation.0.level: must be 1'],
    [
      'an escalation step no later than the one before',
      (p) => (p.escalation[1].afterBreachMinutes = 0),
      'escalation.1.afterBreachMinutes: must be later than escalation.0.afterBreachMinutes',
    ],
    ['no escalation step', (p) => (p.escalation = []), 'escalation: at least one step is required'],
    ['escalation given as a mapping', (p) => (p.escalation = { level: 1 }), 'escalation: must be an array'],
    [
      'a working-hours slot ending before it starts',
      (p) => (p.calendars.office.week[3] = [{ start: '17:00', end: '09:00' }]),
      'calendars.office.week.3.0.end: must be after start',
    ],
    [
      'overlapping working-hours slots',
      (p) =>
        (p.calendars.office.week[2] = [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ]),
      'calendars.office.week.2.1.start: slots must be in order',
    ],
    ['a slot time that is not HH:mm', (p) => (p.calendars.office.week[1][0].start = '8:30'), 'calendars.office.week.1.0.start: must be HH:mm'],
    ['a slot with its end missing', (p) => (p.calendars.office.week[1] = [{ start: '08:00' }]), 'calendars.office.week.1.0.end: must be HH:mm'],
    [
      'a working-hours calendar with no slots',
      (p) => (p.calendars.office.week = {}),
      'calendars.office.week: a working-hours calendar needs at least one slot',
    ],
    ['an overreach penalty level left out', (p) => delete p.penalties.overreach.county, 'penalties.overreach.county: should not be null or undefined'],
    ['the penalty table left out', (p) => delete p.penalties, 'penalties: should not be null or undefined'],
    ['a penalty without its points', (p) => delete p.penalties.overreach.city.handlerPoints, 'penalties.overreach.city.handlerPoints: must be an integer'],
    ['an unknown sanction', (p) => (p.penalties.overreach.city.supervisorSanction = 'fired'), 'penalties.overreach.city.supervisorSanction: must be one of'],
    ['an unknown top-level key', (p) => (p.colour = 'red'), 'colour: property colour should not exist'],
    ['a misspelt key', (p) => (p.sla.default.responseMinuets = 10), 'sla.default.responseMinuets: property responseMinuets should not exist'],
    ['a misspelt sla section', (p) => ((p.sla.defualt = p.sla.default), delete p.sla.default), 'sla.defualt: unknown key'],
    [
      'an unknown calendar kind',
      (p) => (p.calendars.office.kind = 'lunar'),
      'calendars.office.kind: must be one of the following values: continuous, working_hours',
    ],
    [
      'a routing department that is not a department code',
      (p) => (p.categories['报修'].department = 'eng'),
      'categories.报修.department: must be a department code',
    ],
    ['no categories', (p) => (p.categories = {}), 'categories: at least one category is required'],
    ['a digest calendar that does not exist', (p) => (p.followThrough.digestCalendar = 'lunar'), 'followThrough.digestCalendar: unknown calendar "lunar"'],
    ['a digest time that is not HH:mm', (p) => (p.followThrough.digestAt = '8:30'), 'followThrough.digestAt: must be HH:mm'],
    [
      'a leader-report recipient role that does not exist',
      (p) => (p.leaderReports.recipientRoles = ['boss']),
      'leaderReports.recipientRoles: each value in recipientRoles must be one of',
    ],
    [
      'a statistical month starting after the 28th',
      (p) => (p.company.statisticalMonthStartDay = 31),
      'company.statisticalMonthStartDay: must not be greater than 28',
    ],
    [
      'an unknown action for written replies',
      (p) => (p.serviceLanguage.written = 'block'),
      'serviceLanguage.written: must be one of the following values: refuse, flag',
    ],
    [
      'an unknown category of forbidden expressions',
      (p) => (p.serviceLanguage.forbidden.rudeness = ['滚']),
      'serviceLanguage.forbidden.rudeness: property rudeness should not exist',
    ],
    [
      'an empty forbidden phrase',
      (p) => p.serviceLanguage.forbidden.vulgar.push({ phrase: '', exact: true }),
      'serviceLanguage.forbidden.vulgar.7.phrase: should not be empty',
    ],
    [
      'an exact flag that is not a boolean',
      (p) => p.serviceLanguage.forbidden.profanity.push({ phrase: '滚', exact: 'yes' }),
      'serviceLanguage.forbidden.profanity.9.exact: must be a boolean value',
    ],
    ['a suggestion answered in no time', (p) => (p.kinds.suggestion.responseMinutes = 0), 'kinds.suggestion.responseMinutes: must not be less than 1'],
    ['a kind the intake does not know', (p) => (p.kinds.praise = { responseMinutes: 60 }), 'kinds.praise: property praise should not exist'],
    [
      'the old forbidden-phrase list',
      (p) => (p.phrases.forbidden = { mode: 'flag', expressions: ['不知道'] }),
      'phrases.forbidden: property forbidden should not exist',
    ],
    ['a standard phrase left out', (p) => delete p.phrases.standard.greeting, 'phrases.standard.greeting'],
    ['a sign-in window of no minutes', (p) => (p.auth.throttle.windowMinutes = 0), 'auth.throttle.windowMinutes: must not be less than 1'],
    ['the old per-username lockout key', (p) => (p.auth.maxFailedLogins = 5), 'auth.maxFailedLogins: property maxFailedLogins should not exist'],
    [
      'more tries under attack than without',
      (p) => (p.auth.throttle.perUsernameAndAddressUnderAttack = 9),
      'auth.throttle.perUsernameAndAddressUnderAttack: must not be more than auth.throttle.perUsernameAndAddress (5)',
    ],
    ['no live streams per person', (p) => (p.live.maxStreamsPerPerson = 0), 'live.maxStreamsPerPerson: must not be less than 1'],
    ['a live re-check interval that is not a whole number', (p) => (p.live.recheckSeconds = 0.5), 'live.recheckSeconds: must be an integer'],
    [
      'an attachment type the content cannot be recognised as',
      (p) => (p.attachments.allowedTypes = ['image/svg+xml']),
      'attachments.allowedTypes: each value in',
    ],
    ['attachments larger than 50 MiB', (p) => (p.attachments.maxBytes = 60 * 1024 * 1024), 'attachments.maxBytes: must not be greater than 52428800'],
    ['no total length for extensions (延期)', (p) => (p.extensions.maxTotalMinutes = 0), 'extensions.maxTotalMinutes: must not be less than 1'],
    ['a reminder point past the deadline (督办 催办)', (p) => (p.supervision.remindAtPercent = [50, 120]), 'supervision.remindAtPercent: each value in'],
    [
      'a channel routed to a role no account can hold',
      (p) =>
        (p.channels.endpoints = [
          { name: 'leaders', kind: 'webhook', url: 'https://x.example/h', secretEnv: 'LEADERS_HOOK', events: ['sla.escalated'], roles: ['boss'] },
        ]),
      'channels.endpoints.0.roles: each value in roles must be one of the following values: staff, supervisor, manager, hr, admin',
    ],
  ])('refuses %s, naming the key', (_, change, expected) => {
    const error = refusal(change);
    expect(error.message).toContain(expected);
    expect(error.message).toMatch(/^policy\.yaml is invalid:/);
  });

  it('reports every problem at once, one line each', () => {
    const error = refusal((p) => {
      p.company.timeZone = 'Nowhere/Town';
      p.sla.default.warnAtPercent = 150;
      delete p.penalties.overreach.company;
    });
    expect(error.problems).toEqual([
      'company.timeZone: must be an IANA time zone such as Asia/Shanghai',
      'penalties.overreach.company: should not be null or undefined',
      'sla.default.warnAtPercent: must not be greater than 99',
    ]);
  });

  it('refuses a file that is not YAML, or not a mapping, naming the file', () => {
    expect(() => parsePolicy('a: [', 'p.yaml')).toThrow(/p\.yaml is invalid:\n {2}- \(file\): not valid YAML/);
    expect(() => parsePolicy('- 1\n- 2', 'p.yaml')).toThrow(/\(root\): must be an object/);
    expect(() => parsePolicy('', 'p.yaml')).toThrow(ConfigError);
  });

  it('refuses a policy file that cannot be read, naming the path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
    try {
      const missing = path.join(dir, 'missing.yaml');
      expect(() => loadPolicy(missing)).toThrow(new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is invalid:\n {2}- \\(file\\): cannot be read`));
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, stringify({ ...realPolicy(), sweep: { intervalSeconds: 0 } }));
      expect(() => loadPolicy(bad)).toThrow('sweep.intervalSeconds: must not be less than 1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
