/** Small real files, as base64, for attachment tests. */
export const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** A JPEG's leading bytes (SOI, APP0 JFIF) and some data: enough to be recognised. */
export const TINY_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64, 7),
  Buffer.from([0xff, 0xd9]),
]).toString('base64');

export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n').toString('base64');

/** A file of `bytes` bytes that is a PNG by its signature. */
export const pngOfSize = (bytes: number) =>
  Buffer.concat([Buffer.from(TINY_PNG, 'base64'), Buffer.alloc(Math.max(0, bytes - Buffer.from(TINY_PNG, 'base64').length), 1)]).toString('base64');

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const attachmentBody = (overrides: Record<string, unknown> = {}) => ({
  fileName: '漏水照片.png',
  contentType: 'image/png',
  contentBase64: TINY_PNG,
  ...overrides,
});
