import { pinyin } from 'pinyin-pro';

/** A place's name as stored: NFKC (full-width digits and letters become ASCII) and no whitespace (3 栋 → 3栋). */
export function normalisePlaceName(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '');
}

/** Pinyin initials in lower case, digits and letters kept (阳光花园 → yghy, 3栋 → 3d, A座 → az). */
export function placeInitials(name: string): string {
  const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' });
  return letters
    .join('')
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '');
}

/** A type-ahead query's words: normalised like names, lower case, LIKE's wildcards escaped. */
export function queryWords(q: string): string[] {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/u)
    .filter(Boolean)
    .slice(0, 5)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}
