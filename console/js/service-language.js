// 员工文明服务要求 2.②「四个不讲」 and 第五条 不得推诿: the server's matching (src/tickets/service-language.ts), for a
// warning while the reply is typed. The server decides: this only tells the clerk before they send.
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

export const CATEGORY_ZH = { vulgar: '低级庸俗的口头语', profanity: '脏话', sarcasm: '讽刺挖苦话', idle_talk: '与管理无关的闲话', buck_passing: '推诿' };

function words(text) {
  const normal = text.normalize('NFKC').toLowerCase();
  if (!segmenter) return { joined: normal.replace(/[\s\p{P}]/gu, ''), boundaries: null };
  let joined = '';
  const boundaries = new Set([0]);
  for (const { segment, isWordLike } of segmenter.segment(normal)) {
    if (!isWordLike) continue;
    joined += segment;
    boundaries.add(joined.length);
  }
  return { joined, boundaries };
}

/** The expressions ({ phrase, category, exact } from GET /scripts) found in the text. */
export function forbiddenIn(text, expressions) {
  const { joined, boundaries } = words(text);
  return expressions.filter(({ phrase, exact }) => {
    const needle = words(phrase).joined;
    if (!needle) return false;
    for (let at = joined.indexOf(needle); at !== -1; at = joined.indexOf(needle, at + 1)) {
      if (exact || !boundaries || (boundaries.has(at) && boundaries.has(at + needle.length))) return true;
    }
    return false;
  });
}

/** A spoken reply (phone, visit) was already said; every other medium reaches the resident in writing. */
export const mediumOf = (via) => (via === 'phone' || via === 'visit' ? 'spoken' : 'written');
