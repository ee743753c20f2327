import { normalisePlaceName } from './place-names.js';

/** A line's problem, named by its line number in the file (1 is the first line) and, where one is at fault, its column. */
export interface CsvLineProblem {
  line: number;
  column: string | null;
  code: 'columns' | 'community_missing' | 'gap' | 'too_long' | 'quote' | 'deactivated' | 'kind_conflict';
  message: string;
}

/** One line of the import: the names of its four levels, normalised; empty levels are null. */
export interface CsvPlaceLine {
  line: number;
  names: [string, string | null, string | null, string | null];
}

export const CSV_COLUMNS = ['小区', '楼栋', '单元', '房号'] as const;
const MAX_LENGTH = [60, 30, 30, 30];

/** Fields of one CSV line (RFC 4180 quoting), or null when a quote is left open. */
function fields(text: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

/**
 * The lines of a register file: columns 小区,楼栋,单元,房号 (a header line naming them is skipped; blank lines
 * too). A room may stand without a unit (a building without units); no other level may be skipped.
 */
export function parsePlacesCsv(text: string): { lines: CsvPlaceLine[]; problems: CsvLineProblem[] } {
  const lines: CsvPlaceLine[] = [];
  const problems: CsvLineProblem[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  raw.forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') return;
    const cells = fields(content);
    if (!cells) return problems.push({ line, column: null, code: 'quote', message: 'a quoted field is not closed' });
    if (line === 1 && cells.map((c) => c.trim()).join(',') === CSV_COLUMNS.join(',')) return;
    while (cells.length > 4 && cells[cells.length - 1].trim() === '') cells.pop();
    if (cells.length < 1 || cells.length > 4) {
      return problems.push({ line, column: null, code: 'columns', message: `expected at most 4 columns (${CSV_COLUMNS.join(',')}), got ${cells.length}` });
    }
    const names = [0, 1, 2, 3].map((i) => (cells[i] === undefined ? null : normalisePlaceName(cells[i]) || null));
    if (!names[0]) return problems.push({ line, column: '小区', code: 'community_missing', message: 'the community (小区) is required' });
    for (let i = 0; i < 4; i++) {
      if (names[i] && names[i]!.length > MAX_LENGTH[i]) {
        return problems.push({ line, column: CSV_COLUMNS[i], code: 'too_long', message: `${CSV_COLUMNS[i]} is longer than ${MAX_LENGTH[i]} characters` });
      }
    }
    // 单元 may be empty under a room (a building without units); 楼栋 may not be skipped.
    if (!names[1] && (names[2] || names[3])) return problems.push({ line, column: '楼栋', code: 'gap', message: 'a unit or a room needs its building (楼栋)' });
    lines.push({ line, names: names as CsvPlaceLine['names'] });
  });
  return { lines, problems };
}
