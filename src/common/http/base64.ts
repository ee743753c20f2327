import { registerDecorator } from 'class-validator';

/**
 * Whether `text` is padded base64 (RFC 4648 §4) exactly as an encoder writes it: the standard alphabet, `=`
 * padding to a multiple of four, and zero pad bits (§3.5). Node's decoder skips what is not base64 and reads
 * the URL-safe alphabet too, so the bytes are encoded again and must give back the same text. This costs two
 * passes in native code; the anchored regular expression it replaces took 1.6 ms per 200 kB photo.
 */
export function isPaddedBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && Buffer.from(text, 'base64').toString('base64') === text;
}

/** class-validator's check for a file's bytes sent in JSON: padded base64 as {@link isPaddedBase64} reads it. */
export function IsPaddedBase64(message: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPaddedBase64',
      target: target.constructor,
      propertyName,
      options: { message },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPaddedBase64(value) },
    });
}
