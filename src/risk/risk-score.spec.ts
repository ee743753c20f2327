import { describe, expect, it } from '@jest/globals';
import type { RiskPolicy } from '../config/policy.js';
import { scoreRisk, type RiskInput } from './risk-score.js';

const NOW = new Date('2026-11-10T02:00:00Z');

function policy(): RiskPolicy {
  return {
    highAt: 60,
    weights: {
      breachedClock: 30,
      nearlyBreachedClock: 15,
      repeatContact: 10,
      maxRepeatContacts: 3,
      major: 15,
      agePerDay: 4,
      maxAgeDays: 5,
      dissatisfiedFollowUp: 25,
      reopen: 15,
      maxReopens: 2,
      maxVenuePoints: 40,
    },
    venues: [
      { word: '12345', weight: 25 },
      { word: '市长热线', weight: 25 },
      { word: '媒体', weight: 30 },
      { word: '律师', weight: 25 },
    ],
  };
}

function ticket(overrides: Partial<RiskInput> = {}): RiskInput {
  return {
    severity: 'general',
    receivedAt: NOW,
    repeatCount: 0,
    reopenCount: 0,
    dissatisfiedFollowUps: 0,
    clocks: [],
    texts: ['楼道灯坏了', '尽快修好'],
    ...overrides,
  };
}

describe('overreach risk score (第十条)', () => {
  it('scores a fresh general complaint with no warning signs at 0, with no reasons', () => {
    expect(scoreRisk(ticket(), policy(), NOW)).toEqual({ score: 0, reasons: [] });
  });

  it('adds the breached-clock weight per breached clock and the nearly-breached weight per clock past its warning point', () => {
    const result = scoreRisk(
      ticket({
        clocks: [
          { purpose: 'response', breached: true, nearlyBreached: true },
          { purpose: 'report', breached: false, nearlyBreached: true },
          { purpose: 'promised_reply', breached: false, nearlyBreached: false },
        ],
      }),
      policy(),
      NOW,
    );
    expect(result.score).toBe(45);
    expect(result.reasons).toEqual([
      { code: 'breached_clock', points: 30, text: '已超时：24小时答复' },
      { code: 'nearly_breached_clock', points: 15, text: '即将超时：重大投诉报告' },
    ]);
  });

  it('counts repeat contacts and reopenings up to their caps', () => {
    const result = scoreRisk(ticket({ repeatCount: 7, reopenCount: 5 }), policy(), NOW);
    expect(result.reasons.find((r) => r.code === 'repeat_contacts')!.points).toBe(30);
    expect(result.reasons.find((r) => r.code === 'reopened')!.points).toBe(30);
  });

  it('adds the major weight for a major complaint and the dissatisfied weight after an unhappy follow-up visit', () => {
    const result = scoreRisk(ticket({ severity: 'major', dissatisfiedFollowUps: 2 }), policy(), NOW);
    expect(result.reasons.map((r) => [r.code, r.points])).toEqual([
      ['dissatisfied_follow_up', 25],
      ['major', 15],
    ]);
  });

  it('adds the age weight per full day open, up to the maximum days', () => {
    const twoDays = scoreRisk(ticket({ receivedAt: new Date(NOW.getTime() - 2.5 * 86_400_000) }), policy(), NOW);
    expect(twoDays.reasons).toEqual([{ code: 'age', points: 8, text: '已受理 2 天' }]);
    const tenDays = scoreRisk(ticket({ receivedAt: new Date(NOW.getTime() - 10 * 86_400_000) }), policy(), NOW);
    expect(tenDays.score).toBe(20);
  });

  it('finds venue words in the summary, requests or repeat contacts, each once, ignoring full-width digits, capped at the venue maximum', () => {
    const one = scoreRisk(ticket({ texts: ['再不修我就打１２３４５', ''] }), policy(), NOW);
    expect(one.reasons).toEqual([{ code: 'venue_words', points: 25, text: '提到外部渠道：12345' }]);
    const many = scoreRisk(ticket({ texts: ['要找媒体曝光', '已经打了市长热线，还要请律师', '12345 12345'] }), policy(), NOW);
    expect(many.reasons).toEqual([{ code: 'venue_words', points: 40, text: '提到外部渠道：12345、市长热线、媒体、律师' }]);
  });

  it('never exceeds 100 and lists the reasons heaviest first', () => {
    const result = scoreRisk(
      ticket({
        severity: 'major',
        repeatCount: 3,
        reopenCount: 2,
        dissatisfiedFollowUps: 1,
        receivedAt: new Date(NOW.getTime() - 9 * 86_400_000),
        clocks: [{ purpose: 'response', breached: true, nearlyBreached: true }],
        texts: ['我要找媒体'],
      }),
      policy(),
      NOW,
    );
    expect(result.score).toBe(100);
    const points = result.reasons.map((r) => r.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
  });
});
