import type { RiskPolicy } from '../config/policy.js';

/** What the score is computed from: one not-yet-closed ticket as the read side sees it. */
export interface RiskInput {
  severity: string;
  receivedAt: Date;
  repeatCount: number;
  reopenCount: number;
  dissatisfiedFollowUps: number;
  /** Live clocks (running or paused). */
  clocks: Array<{ purpose: string; breached: boolean; nearlyBreached: boolean }>;
  /** Summary, requests and the repeat contacts' words: where a resident names an outside venue. */
  texts: string[];
}

export type RiskReasonCode =
  'breached_clock' | 'nearly_breached_clock' | 'repeat_contacts' | 'major' | 'age' | 'dissatisfied_follow_up' | 'reopened' | 'venue_words';

export interface RiskReason {
  code: RiskReasonCode;
  points: number;
  /** Shown to supervisors and managers as is (zh-CN). */
  text: string;
}

export interface RiskScore {
  score: number;
  reasons: RiskReason[];
}

const PURPOSE_ZH: Record<string, string> = {
  response: '24小时答复',
  promised_reply: '承诺回复',
  written_reply: '书面答复',
  follow_up: '回访',
  report: '重大投诉报告',
  activity: '处理进展',
};

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** 第十条: the signs that a resident is about to go over the company's head, each worth the policy's points; at most 100. */
export function scoreRisk(input: RiskInput, policy: RiskPolicy, now: Date): RiskScore {
  const w = policy.weights;
  const reasons: RiskReason[] = [];
  const add = (code: RiskReasonCode, points: number, text: string) => {
    if (points > 0) reasons.push({ code, points, text });
  };

  const breached = input.clocks.filter((c) => c.breached);
  const nearly = input.clocks.filter((c) => !c.breached && c.nearlyBreached);
  const names = (cs: typeof input.clocks) => [...new Set(cs.map((c) => PURPOSE_ZH[c.purpose] ?? c.purpose))].join('、');
  add('breached_clock', breached.length * w.breachedClock, `已超时：${names(breached)}`);
  add('nearly_breached_clock', nearly.length * w.nearlyBreachedClock, `即将超时：${names(nearly)}`);

  const repeats = Math.min(input.repeatCount, w.maxRepeatContacts);
  add('repeat_contacts', repeats * w.repeatContact, `业主重复来电/来访 ${input.repeatCount} 次`);
  if (input.severity === 'major') add('major', w.major, '重大投诉');

  const days = Math.floor((now.getTime() - input.receivedAt.getTime()) / 86_400_000);
  add('age', Math.min(Math.max(days, 0), w.maxAgeDays) * w.agePerDay, `已受理 ${days} 天`);
  if (input.dissatisfiedFollowUps > 0) add('dissatisfied_follow_up', w.dissatisfiedFollowUp, '回访不满意');
  add('reopened', Math.min(input.reopenCount, w.maxReopens) * w.reopen, `重办 ${input.reopenCount} 次`);

  const haystack = squash(input.texts.join('\n'));
  const found = policy.venues.filter((v) => haystack.includes(squash(v.word)));
  const venuePoints = Math.min(
    found.reduce((sum, v) => sum + v.weight, 0),
    w.maxVenuePoints,
  );
  add('venue_words', venuePoints, `提到外部渠道：${found.map((v) => v.word).join('、')}`);

  reasons.sort((a, b) => b.points - a.points);
  return {
    score: Math.min(
      100,
      reasons.reduce((sum, r) => sum + r.points, 0),
    ),
    reasons,
  };
}
