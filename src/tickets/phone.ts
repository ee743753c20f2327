/**
 * Mainland China phone numbers: a mobile (1[3-9] + 9 digits) or a landline with its area code
 * (010/02x + 8 digits, 0xxx + 7–8 digits), optionally with +86 / 0086 and separators.
 * Stored normalised: mobile `13812345678`, landline `0371-62345678`.
 */
export function normalisePhone(input: string): string | null {
  let digits = input.trim().replace(/[\s()（）-]/g, '');
  if (/^(\+86|0086)/.test(digits)) digits = digits.replace(/^(\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (!/^\d+$/.test(digits)) return null;
  if (!digits.startsWith('0')) digits = input.trim().startsWith('+86') || input.trim().startsWith('0086') ? `0${digits}` : digits;
  const threeDigitArea = /^(010|02\d)(\d{8})$/.exec(digits);
  if (threeDigitArea) return `${threeDigitArea[1]}-${threeDigitArea[2]}`;
  const fourDigitArea = /^(0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (fourDigitArea) return `${fourDigitArea[1]}-${fourDigitArea[2]}`;
  return null;
}

/** 138****5678 / 0371-****2345: what HR and logs see. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const [area, number] = phone.split('-');
  return number ? `${area}-****${number.slice(-4)}` : '****';
}
