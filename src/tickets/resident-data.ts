/**
 * Masking of residents' personal data for viewers who may see a ticket but not the resident
 * (个人信息保护法: the minimum a job needs). Applied to the ticket's fields and to every free text
 * shown with it, because a clerk may type a number into a summary or a note.
 */

/** Mainland mobiles (13812345678, 138 1234 5678, +86…) and landlines with area code (0371-62345678). */
const PHONE_IN_TEXT = /(?<![\d])(?:(?:\+|00)86[\s-]?)?(?:1[3-9]\d(?:[\s-]?\d{4}){2}|0\d{2,3}[\s-]?\d{7,8})(?![\d])/g;

/** Every phone-like value in a text, masked to its first three and last four digits (138****5678). */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_IN_TEXT, (match) => {
    const digits = match.replace(/\D/g, '');
    return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  });
}

/** 张先生 -> 张**: the surname only, as a call-centre readback would. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}**` : '';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every string inside a JSON value, with phone-like values masked (history before/after, module sections). */
export function maskPhonesDeep<T>(value: T): T {
  if (typeof value === 'string') return (UUID.test(value) ? value : maskPhonesInText(value)) as T;
  if (Array.isArray(value)) return value.map((v) => maskPhonesDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPhonesDeep(v)])) as T;
  }
  return value;
}
