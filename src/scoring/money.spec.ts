import { describe, expect, it } from '@jest/globals';
import { fenToYuan } from './money.js';

describe('money in fen', () => {
  it('formats fen as yuan with two decimals without floating point', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123450)).toBe('1234.50');
    expect(fenToYuan(-1999)).toBe('-19.99');
    expect(fenToYuan(900719925474099)).toBe('9007199254740.99');
  });

  it('refuses a fractional amount', () => {
    expect(() => fenToYuan(1.5)).toThrow(/safe integer/);
  });
});
