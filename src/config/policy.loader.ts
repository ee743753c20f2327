import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, validateInto, validateMap } from './config-validation.js';
import { CalendarDefinition, CategoryDefinition, PolicyFile, SlaSpans, type Policy } from './policy.js';

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function checkCalendar(name: string, calendar: CalendarDefinition, problems: string[]): void {
  if (calendar.kind !== 'working_hours') return;
  const week = calendar.week as Record<string, { start: string; end: string }[] | undefined> | undefined;
  const days = Object.entries(week ?? {}).filter(([, slots]) => slots && slots.length);
  if (days.length === 0) problems.push(`calendars.${name}.week: a working-hours calendar needs at least one slot`);
  for (const [day, slots] of days) {
    let previousEnd = -1;
    slots!.forEach((slot, i) => {
      const start = minutes(slot.start);
      const end = minutes(slot.end);
      if (end <= start) problems.push(`calendars.${name}.week.${day}.${i}: end must be after start`);
      if (start < previousEnd) problems.push(`calendars.${name}.week.${day}.${i}: slots must be in order and not overlap`);
      previousEnd = end;
    });
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

  const levels = (file.escalation ?? []).map((step) => step.level);
  if (!Array.isArray(file.escalation) || levels.length === 0) problems.push('escalation: at least one step is required');
  else if (levels.some((level, i) => level !== i + 1)) problems.push('escalation: levels must be 1, 2, … in order');
  else if (file.escalation.some((step, i) => i > 0 && step.afterBreachMinutes <= file.escalation[i - 1].afterBreachMinutes)) {
    problems.push('escalation: each step must come later than the one before (afterBreachMinutes increasing)');
  }

  if (problems.length) throw new ConfigError(source, problems);
  return {
    company: file.company,
    intake: file.intake,
    auth: file.auth,
    sweep: file.sweep,
    calendars,
    slaDefault,
    categories,
    escalation: file.escalation,
    penalties: file.penalties,
    phrases: file.phrases,
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
