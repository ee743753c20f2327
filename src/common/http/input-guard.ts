import { DomainError, DomainErrorCode } from '../errors/domain-error.js';

/** Deeper than any request the API accepts; a body nested further is refused before anything recurses over it. */
export const MAX_JSON_DEPTH = 32;

// eslint-disable-next-line no-control-regex -- the NUL character is exactly what this looks for
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string): string | null {
  if (NUL.test(s)) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return null;
}

/**
 * The first problem in a request's parsed body, query or parameters that no route may accept:
 * text PostgreSQL refuses (NUL) or cannot store faithfully (lone surrogates), and nesting deep enough to
 * exhaust the stack of the validators. Iterative, so the check itself cannot overflow.
 */
export function findInputProblem(value: unknown, root: string): { field: string; problem: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { field: path, problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { field: path, problem: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` };
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v as object);
    for (const [key, item] of entries) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: path, problem: `a field name ${keyProblem}` };
      const child = Array.isArray(v) ? `${path}[${key}]` : path === root && root === '(body)' ? key : `${path}.${key}`;
      stack.push({ value: item, path: child, depth: depth + 1 });
    }
  }
  return null;
}

/** A 400 naming the field and the rule, in the API's error shape. */
export function rejectInput(found: { field: string; problem: string }): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${found.field}: ${found.problem}`, { fields: [{ field: found.field, problems: [found.problem] }] });
}
