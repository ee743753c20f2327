import { randomBytes } from 'node:crypto';
import { isBase64 } from 'class-validator';
import { isPaddedBase64 } from './base64.js';

describe('isPaddedBase64: a file’s bytes in JSON', () => {
  it('accepts what an encoder writes, for every length of the last group', () => {
    for (let n = 1; n <= 64; n++) {
      const text = randomBytes(n).toString('base64');
      expect(isPaddedBase64(text)).toBe(true);
      expect(isBase64(text)).toBe(true);
    }
  });

  it.each([
    ['text that is not base64', 'not base64!'],
    ['the URL-safe alphabet', 'ab-_'],
    ['a missing padding', 'QQ'],
    ['padding in the middle', 'QQ==QQ=='],
    ['a line break inside', 'QUJD\nREVG'],
    ['a space inside', 'QUJD REVG'],
    ['three padding characters', 'Q==='],
    ['the empty text', ''],
  ])('refuses %s, as the regular expression it replaces does', (_, text) => {
    expect(isPaddedBase64(text)).toBe(false);
    expect(text !== '' && isBase64(text)).toBe(false);
  });

  it('refuses pad bits that are not zero (RFC 4648 §3.5), which an encoder never writes', () => {
    expect(isPaddedBase64('QR==')).toBe(false);
    expect(isPaddedBase64('QQ==')).toBe(true);
  });
});
