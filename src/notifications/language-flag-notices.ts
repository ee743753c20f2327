import type { DomainEvent } from '../events/domain-event.js';
import { FORBIDDEN_CATEGORY_ZH as CATEGORY_ZH } from '../config/service-language-categories.js';

const VIA_ZH: Record<string, string> = { phone: '电话', visit: '来访', sms: '短信', online: '网上', written: '书面' };

/** 员工文明服务要求 2.②: a kept reply with forbidden expressions is flagged to its recipients (the supervisor), one notice each. */
export function languageFlagNotices(
  event: DomainEvent<'ticket.replied'>,
): Array<{ recipientId: string; ticketId: string | null; kind: string; title: string; body: string }> {
  const { flagged, flagRecipients, via } = event.payload;
  if (!flagged.length) return [];
  const found = flagged.map((f) => `${f.expression}（${CATEGORY_ZH[f.category]}）`).join('、');
  return [...new Set(flagRecipients)].map((recipientId) => ({
    recipientId,
    ticketId: event.ticketId,
    kind: 'language.flagged',
    title: `答复含禁用语：${found}`,
    body: `${VIA_ZH[via] ?? via}答复已记录并标记，请核查并纠正（员工文明服务要求「四个不讲」、不得推诿）`,
  }));
}
