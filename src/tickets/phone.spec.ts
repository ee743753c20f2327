import { describe, expect, it } from '@jest/globals';
import { maskPhone, normalisePhone } from './phone.js';

describe('phone numbers (第一篇 一.5: record the caller’s number)', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['0371-62345678', '0371-62345678'],
    ['037162345678', '0371-62345678'],
    ['(010) 87654321', '010-87654321'],
    ['021-1234567', null],
    ['0374-6234567', '0374-6234567'],
    ['+86 371 62345678', '0371-62345678'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each(['12812345678', '1381234567', '62345678', 'abc', '', '1381234567890', '0000-1234567'])('rejects %s', (input) => {
    expect(normalisePhone(input)).toBeNull();
  });

  it('masks a mobile as 138****5678 and a landline to its last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0371-62345678')).toBe('0371-****5678');
  });
});
