import type { AttachmentType } from '../config/policy.js';

/** The leading bytes that identify each accepted type; a file is what its bytes say, whatever it is called. */
const SIGNATURES: Array<{ type: AttachmentType; matches: (b: Buffer) => boolean }> = [
  { type: 'image/jpeg', matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'image/gif', matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  // ISO base media: `ftyp` at offset 4, then the brand (iPhone photos are heic, heix or mif1).
  {
    type: 'image/heic',
    matches: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|heim|heis|mif1|msf1)$/.test(b.subarray(8, 12).toString('latin1')),
  },
  { type: 'application/pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** File name extensions of each type: a download is named so that the system opening it opens it as that type. */
export const EXTENSIONS: Record<AttachmentType, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'image/heic': ['heic', 'heif'],
  'application/pdf': ['pdf'],
};

/** The type the content is, by its magic bytes; undefined for anything else (HTML, SVG, scripts, archives…). */
export function detectType(content: Buffer): AttachmentType | undefined {
  return SIGNATURES.find((s) => s.matches(content))?.type;
}

/**
 * The name a download is saved under: the uploaded name when its extension fits the type, else the name with
 * the type's extension added, so `photo.html` holding a PNG is saved as `photo.html.png` and opens as an image.
 */
export function downloadName(name: string, type: AttachmentType): string {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension && EXTENSIONS[type].includes(extension) ? name : `${name}.${EXTENSIONS[type][0]}`;
}
