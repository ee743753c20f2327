import { describe, expect, it } from '@jest/globals';
import { detectType, downloadName } from './file-type.js';

const bytes = (...parts: Array<number[] | string>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('file types by their content (第一篇 二.3)', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif')],
    ['image/png', bytes([0x89], 'PNG\r\n\x1a\n', 'IHDR')],
    ['image/webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['image/gif', bytes('GIF89a', [1, 0])],
    ['image/heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0])],
    ['application/pdf', bytes('%PDF-1.7\n')],
  ])('recognises %s by its magic bytes', (type, content) => {
    expect(detectType(content)).toBe(type);
  });

  it.each([
    ['HTML', '<!doctype html><html>'],
    ['SVG', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['a ZIP', 'PK\x03\x04'],
    ['an MP4 (ftyp, not a HEIC brand)', '\0\0\0\x18ftypisom'],
    ['nothing', ''],
  ])('recognises no accepted type in %s', (_what, text) => {
    expect(detectType(Buffer.from(text, 'latin1'))).toBeUndefined();
  });

  it('keeps a name whose extension fits the type and adds the type’s extension otherwise', () => {
    expect(downloadName('现场.JPG', 'image/jpeg')).toBe('现场.JPG');
    expect(downloadName('x.html', 'image/png')).toBe('x.html.png');
    expect(downloadName('来信', 'application/pdf')).toBe('来信.pdf');
  });
});
