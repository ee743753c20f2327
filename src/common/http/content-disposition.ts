/** RFC 5987 attr-char: what may stay unencoded in `filename*`; encodeURIComponent leaves a few more. */
const encodeRfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="performance-2026-12.xlsx"; filename*=UTF-8''%E7%BB%A9…`: browsers and Excel's
 * download dialog use the UTF-8 name (RFC 6266), older clients the ASCII fallback.
 */
export function attachment(name: string, asciiFallback: string): string {
  if (!/^[\x20-\x7e]+$/.test(asciiFallback) || /["\\]/.test(asciiFallback)) throw new Error('the fallback file name must be plain ASCII without quotes');
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
