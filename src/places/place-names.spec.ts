import { describe, expect, it } from '@jest/globals';
import { normalisePlaceName, placeInitials, queryWords } from './place-names.js';
import { parsePlacesCsv } from './places-csv.js';

describe('place names (第九条: one registered place, however it is typed)', () => {
  it('normalises full-width characters and whitespace', () => {
    expect(normalisePlaceName(' 阳光花园 ')).toBe('阳光花园');
    expect(normalisePlaceName('３ 栋')).toBe('3栋');
    expect(normalisePlaceName('Ａ座')).toBe('A座');
  });

  it('takes the pinyin initials of a name, keeping digits and letters', () => {
    expect(placeInitials('阳光花园')).toBe('yghy');
    expect(placeInitials('3栋')).toBe('3d');
    expect(placeInitials('2单元')).toBe('2dy');
    expect(placeInitials('501')).toBe('501');
    expect(placeInitials('A座')).toBe('az');
  });

  it('splits a query into words with LIKE wildcards escaped', () => {
    expect(queryWords('YGH  3栋')).toEqual(['ygh', '3栋']);
    expect(queryWords('50%_')).toEqual(['50\\%\\_']);
  });
});

describe('the register file (小区,楼栋,单元,房号)', () => {
  it('skips the header and blank lines, keeps quoted commas, and lets a room stand without a unit', () => {
    const { lines, problems } = parsePlacesCsv('\uFEFF小区,楼栋,单元,房号\r\n"阳光,花园",3栋,,501\r\n\r\n阳光花园,3栋\r\n');
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { line: 2, names: ['阳光,花园', '3栋', null, '501'] },
      { line: 4, names: ['阳光花园', '3栋', null, null] },
    ]);
  });

  it('names the line and column of each problem', () => {
    const { problems } = parsePlacesCsv('阳光花园,,2单元,501\n,1栋');
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, '楼栋', 'gap'],
      [2, '小区', 'community_missing'],
    ]);
  });
});
