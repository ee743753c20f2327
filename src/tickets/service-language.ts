/**
 * 第一篇 一.3 and 员工文明服务要求「四个不讲」: replies to residents use the standard phrases; the
 * forbidden expressions from config are found ignoring spaces and full/half-width punctuation.
 */
export function forbiddenExpressionsIn(text: string, expressions: readonly string[]): string[] {
  const squash = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/[\s，。！？、,.!?…~～"“”'‘’]/g, '')
      .toLowerCase();
  const haystack = squash(text);
  return expressions.filter((expression) => {
    const needle = squash(expression);
    return needle.length > 0 && haystack.includes(needle);
  });
}
