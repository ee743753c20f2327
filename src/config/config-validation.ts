import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** A configuration value that would make the service misbehave; start-up stops with the key named. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[], prefix: string, out: string[]): void {
  for (const error of errors) {
    const key = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push(`${key}: ${message.replace(new RegExp(`^${error.property} `), '')}`);
    }
    flatten(error.children ?? [], key, out);
  }
}

/** Validates `plain` into `cls`; returns the instance and the problems with their dotted key paths. */
export function validateInto<T extends object>(cls: ClassConstructor<T>, plain: unknown, prefix = ''): { value: T; problems: string[] } {
  const problems: string[] = [];
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    problems.push(`${prefix || '(root)'}: must be an object`);
    return { value: plainToInstance(cls, {}), problems };
  }
  const value = plainToInstance(cls, plain, { exposeDefaultValues: true });
  flatten(validateSync(value, { whitelist: true, forbidNonWhitelisted: true }), prefix, problems);
  return { value, problems };
}

/** Validates every value of a keyed map (YAML mapping) into `cls`, naming each entry's key in problems. */
export function validateMap<T extends object>(cls: ClassConstructor<T>, plain: unknown, prefix: string, problems: string[]): Record<string, T> {
  const result: Record<string, T> = {};
  if (plain === undefined || plain === null) return result;
  if (typeof plain !== 'object' || Array.isArray(plain)) {
    problems.push(`${prefix}: must be a mapping`);
    return result;
  }
  for (const [key, entry] of Object.entries(plain as Record<string, unknown>)) {
    const { value, problems: entryProblems } = validateInto(cls, entry, `${prefix}.${key}`);
    problems.push(...entryProblems);
    result[key] = value;
  }
  return result;
}
