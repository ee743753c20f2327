/**
 * Masking of residents' personal data for viewers who may see a ticket but not the resident
 * (个人信息保护法: the minimum a job needs). Applied to the ticket's fields and to every free text
 * shown with it, because a clerk may type a number into a summary or a note.
 */
import { maskPhoneNumbers } from '../common/phone-mask.js';

/** Every phone-like value in a text masked (138****5678, 0371-****2345): the same pattern the logs use. */
export const maskPhonesInText = (text: string): string => maskPhoneNumbers(text);

/** 张先生 -> 张**: the surname only, as a call-centre readback would. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}**` : '';
}

/** Every string inside a JSON value, with phone-like values masked (history before/after, module sections). */
export function maskPhonesDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPhonesInText(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskPhonesDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPhonesDeep(v)])) as T;
  }
  return value;
}
