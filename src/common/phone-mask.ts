/**
 * Phone numbers inside free text, masked to what a reader may see (138****5678, 0371-****2345): for
 * residents' data shown to those who may not see it in clear, and for every log line. One pattern for both.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Mainland mobiles: 1[3-9] and nine digits, optionally +86 and separated 3-4-4. */
const MOBILE = /(?<!\d)(?:(?:\+|00)86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g;
/** Landlines: area code 010, 02x or 0xxx (maybe in brackets) and a 7–8 digit number. */
const LANDLINE = /(?<!\d)(?:(?:\+|00)86[-\s]?)?[(（]?(010|02\d|0[3-9]\d{2})[)）]?[-\s]?(\d{3,4})[-\s]?(\d{4})(?!\d)/g;

const maskPart = (text: string) => text.replace(MOBILE, '$1****$3').replace(LANDLINE, '$1-****$3');

/**
 * Every phone-like value in `text` masked; `other` runs on the same stretches (the logs also drop tokens).
 * Ids are kept whole: a UUID's digit groups are not phone numbers.
 */
export function maskPhoneNumbers(text: string, other: (part: string) => string = (part) => part): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(UUID)) {
    out += maskPart(other(text.slice(last, m.index))) + m[0];
    last = m.index! + m[0].length;
  }
  return out + maskPart(other(text.slice(last)));
}
