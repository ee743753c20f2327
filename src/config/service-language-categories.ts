// The shape of the policy's serviceLanguage section, without decorators: tickets, scripts and notifications
// import these at run time without loading the policy's validation classes.

/** 员工文明服务要求 2.②「四个不讲」 (vulgar, profanity, sarcasm, idle_talk) and 第五条 不得推诿 (buck_passing). */
export const FORBIDDEN_CATEGORIES = ['vulgar', 'profanity', 'sarcasm', 'idle_talk', 'buck_passing'] as const;
export type ForbiddenCategory = (typeof FORBIDDEN_CATEGORIES)[number];

/** The categories as staff read them (messages, notices). */
export const FORBIDDEN_CATEGORY_ZH: Record<ForbiddenCategory, string> = {
  vulgar: '低级庸俗的口头语',
  profanity: '脏话',
  sarcasm: '讽刺挖苦话',
  idle_talk: '与管理无关的闲话',
  buck_passing: '推诿',
};

/** What happens to a reply with a forbidden expression: refused before it is sent, or kept and flagged. */
export const LANGUAGE_ACTIONS = ['refuse', 'flag'] as const;
export type LanguageAction = (typeof LANGUAGE_ACTIONS)[number];
