import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, validateInto, validateMap } from './config-validation.js';
import {
  CalendarDefinition,
  CategoryDefinition,
  PolicyFile,
  type ChannelEndpoint,
  type ChannelsPolicy,
  SlaSpans,
  type EscalationStep,
  type Policy,
  type SignInThrottlePolicy,
  type Slot,
} from './policy.js';

const HHMM = /^([01]\d|2[0-4]):[0-5]\d$/;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function checkCalendar(name: string, calendar: CalendarDefinition, problems: string[]): void {
  if (calendar.kind !== 'working_hours') return;
  const week = calendar.week as Record<string, unknown> | undefined;
  const days = Object.entries(week ?? {}).filter(([, slots]) => Array.isArray(slots) && slots.length) as [string, Slot[]][];
  if (days.length === 0) problems.push(`calendars.${name}.week: a working-hours calendar needs at least one slot`);
  for (const [day, slots] of days) {
    let previousEnd = -1;
    slots.forEach((slot, i) => {
      // Malformed slots are already reported by the class validation; only compare well-formed times.
      if (!slot || !HHMM.test(String(slot.start)) || !HHMM.test(String(slot.end))) return;
      const start = minutes(slot.start);
      const end = minutes(slot.end);
      const key = `calendars.${name}.week.${day}.${i}`;
      if (end <= start) problems.push(`${key}.end: must be after start (${slot.start}–${slot.end})`);
      if (start < previousEnd) problems.push(`${key}.start: slots must be in order and not overlap the one before`);
      previousEnd = end;
    });
  }
}

/** 第六条: level 1 at the breach, level 2 later; levels numbered 1, 2, … each later than the last. */
function checkEscalation(steps: unknown, problems: string[]): void {
  if (!Array.isArray(steps)) return; // reported by the class validation
  if (steps.length === 0) {
    problems.push('escalation: at least one step is required');
    return;
  }
  steps.forEach((step: Partial<EscalationStep> | null, i) => {
    if (!step || typeof step !== 'object') return;
    if (step.level !== i + 1) problems.push(`escalation.${i}.level: must be ${i + 1} (levels are 1, 2, … in order), got ${String(step.level)}`);
    const before = steps[i - 1] as Partial<EscalationStep> | null | undefined;
    if (
      i > 0 &&
      typeof step.afterBreachMinutes === 'number' &&
      typeof before?.afterBreachMinutes === 'number' &&
      step.afterBreachMinutes <= before.afterBreachMinutes
    ) {
      problems.push(`escalation.${i}.afterBreachMinutes: must be later than escalation.${i - 1}.afterBreachMinutes (${before.afterBreachMinutes})`);
    }
  });
}

/** Each endpoint has what its kind needs; names are unique; the quiet-hours calendar exists. */
function checkChannels(
  channels: ChannelsPolicy | undefined,
  calendars: Record<string, CalendarDefinition>,
  residentPublicUrl: string | undefined,
  problems: string[],
): void {
  if (!channels || !Array.isArray(channels.endpoints)) return;
  const seen = new Set<string>();
  const needs: Record<string, (keyof ChannelEndpoint)[]> = {
    webhook: ['secretEnv'],
    wecom: ['keyEnv'],
    dingtalk: ['keyEnv', 'secretEnv'],
    feishu: ['keyEnv', 'secretEnv'],
    sms: ['keyEnv', 'secretEnv', 'smsAppId', 'smsSignName', 'smsTemplateId', 'smsRegion'],
  };
  channels.endpoints.forEach((endpoint, i) => {
    if (!endpoint || typeof endpoint !== 'object') return;
    if (seen.has(endpoint.name)) problems.push(`channels.endpoints.${i}.name: "${endpoint.name}" is listed twice`);
    seen.add(endpoint.name);
    for (const key of needs[endpoint.kind] ?? []) if (!endpoint[key]) problems.push(`channels.endpoints.${i}.${key}: required for a ${endpoint.kind} endpoint`);
    if (endpoint.kind === 'sms' && endpoint.events?.includes('ticket.resolved')) {
      // 回访 by SMS: the rating link needs its own template and the address residents open the page at.
      if (!endpoint.smsRatingTemplateId) problems.push(`channels.endpoints.${i}.smsRatingTemplateId: required for a sms endpoint that sends ticket.resolved`);
      if (!residentPublicUrl) problems.push(`resident.publicUrl: required for sms endpoint "${endpoint.name}" to link residents to the rating page`);
    }
  });
  const calendar = channels.quietHours?.calendar;
  if (calendar && !calendars[calendar]) problems.push(`channels.quietHours.calendar: unknown calendar "${calendar}"`);
}

/** 退单: each return reason code once, so a return names one reason and the counts per reason add up. */
function checkReturnReasons(reasons: unknown, problems: string[]): void {
  if (!Array.isArray(reasons)) return; // reported by the class validation
  const seen = new Map<string, number>();
  reasons.forEach((reason: { code?: unknown } | null, i) => {
    if (!reason || typeof reason !== 'object' || typeof reason.code !== 'string') return;
    const first = seen.get(reason.code);
    if (first !== undefined) problems.push(`dispatch.returnReasons.${i}.code: "${reason.code}" is listed twice (also dispatch.returnReasons.${first}.code)`);
    else seen.set(reason.code, i);
  });
}

/** Under attack a username gets fewer tries per address, never more. */
function checkThrottle(throttle: Partial<SignInThrottlePolicy> | undefined, problems: string[]): void {
  const { perUsernameAndAddress: normal, perUsernameAndAddressUnderAttack: slow } = throttle ?? {};
  if (typeof normal === 'number' && typeof slow === 'number' && slow > normal) {
    problems.push(`auth.throttle.perUsernameAndAddressUnderAttack: must not be more than auth.throttle.perUsernameAndAddress (${normal})`);
  }
}

/** Parses and validates a policy document; every problem names its key. */
export function parsePolicy(text: string, source = 'policy'): Policy {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ConfigError(source, [`(file): not valid YAML: ${(error as Error).message}`]);
  }
  const { value: file, problems } = validateInto(PolicyFile, raw);

  const calendars = validateMap(CalendarDefinition, file.calendars ?? { continuous: { kind: 'continuous' } }, 'calendars', problems);
  for (const [name, calendar] of Object.entries(calendars)) checkCalendar(name, calendar, problems);

  const slaRaw = (file.sla ?? {}) as Record<string, unknown>;
  if (typeof slaRaw !== 'object' || Array.isArray(slaRaw)) problems.push('sla: must be a mapping with a "default" entry');
  else
    for (const key of Object.keys(slaRaw))
      if (key !== 'default') problems.push(`sla.${key}: unknown key (only "default"; per-category spans go under categories.<name>.sla)`);
  const { value: slaDefault, problems: slaProblems } = validateInto(SlaSpans, slaRaw.default ?? {}, 'sla.default');
  problems.push(...slaProblems);
  if (!calendars[slaDefault.calendar]) problems.push(`sla.default.calendar: unknown calendar "${slaDefault.calendar}"`);

  const categoryDefs = validateMap(CategoryDefinition, file.categories, 'categories', problems);
  if (Object.keys(categoryDefs).length === 0) problems.push('categories: at least one category is required');
  const categories: Policy['categories'] = {};
  for (const [name, def] of Object.entries(categoryDefs)) {
    const overrides = Object.fromEntries(Object.entries(def.sla ?? {}).filter(([, v]) => v !== undefined));
    const sla = Object.assign(new SlaSpans(), slaDefault, overrides);
    if (!calendars[sla.calendar]) problems.push(`categories.${name}.sla.calendar: unknown calendar "${sla.calendar}"`);
    categories[name] = { department: def.department, sla };
  }

  if (file.followThrough && !calendars[file.followThrough.digestCalendar])
    problems.push(`followThrough.digestCalendar: unknown calendar "${file.followThrough.digestCalendar}"`);

  checkChannels(file.channels, calendars, file.resident?.publicUrl, problems);
  checkEscalation(file.escalation, problems);
  checkThrottle(file.auth?.throttle, problems);
  checkReturnReasons(file.dispatch?.returnReasons, problems);

  if (problems.length) throw new ConfigError(source, problems);
  return {
    company: file.company,
    intake: file.intake,
    auth: file.auth,
    sweep: file.sweep,
    retention: file.retention,
    followUp: file.followUp,
    problems: file.problems,
    appointments: file.appointments,
    risk: file.risk,
    live: file.live,
    leaderReports: file.leaderReports,
    followThrough: file.followThrough,
    kinds: file.kinds,
    attachments: file.attachments,
    extensions: file.extensions,
    supervision: file.supervision,
    joint: file.joint,
    dispatch: file.dispatch,
    bulletin: file.bulletin,
    channels: file.channels,
    places: file.places,
    search: file.search,
    resident: file.resident,
    calendars,
    slaDefault,
    categories,
    escalation: file.escalation,
    penalties: file.penalties,
    phrases: file.phrases,
    serviceLanguage: file.serviceLanguage,
  };
}

export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`(file): cannot be read: ${(error as Error).message}`]);
  }
  return parsePolicy(text, file);
}
