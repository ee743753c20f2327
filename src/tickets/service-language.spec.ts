import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePolicy } from '../config/policy.loader.js';
import { ForbiddenCategories, ForbiddenPhrase } from '../config/policy.js';
import { ForbiddenExpressions, languageAction, mediumOf } from './service-language.js';

const list = (...phrases: Array<string | { phrase: string; exact: boolean }>): ForbiddenPhrase[] =>
  phrases.map((p) => Object.assign(new ForbiddenPhrase(), typeof p === 'string' ? { phrase: p } : p));

function matcher(categories: Partial<Record<keyof ForbiddenCategories, ForbiddenPhrase[]>>): ForbiddenExpressions {
  return new ForbiddenExpressions(Object.assign(new ForbiddenCategories(), categories));
}

const shipped = () => parsePolicy(readFileSync(path.resolve('config/policy.yaml'), 'utf8')).serviceLanguage;

describe('service language (员工文明服务要求 2.②「四个不讲」, 第五条 不得推诿)', () => {
  const buckPassing = matcher({ buck_passing: list('不归我管', { phrase: '找别人去', exact: true }, '不知道', { phrase: '没办法', exact: true }) });

  it('第五条: finds a buck-passing phrase inside a reply, naming its category', () => {
    expect(buckPassing.findIn('这个事不归我管，你找物业吧')).toEqual([{ expression: '不归我管', category: 'buck_passing' }]);
    expect(buckPassing.findIn('不好意思我不知道具体时间，你找别人去')).toEqual([
      { expression: '找别人去', category: 'buck_passing' },
      { expression: '不知道', category: 'buck_passing' },
    ]);
  });

  it('第五条: 不知道 inside an innocent sentence is no hit: the phrase must cover whole words (殊不知 / 道路)', () => {
    expect(buckPassing.findIn('很多业主以为小区门前的路归物业管，殊不知道路属于市政，我们已代为联系市政部门。')).toEqual([]);
    expect(buckPassing.findIn('我们还不知道原因，今天下午五点前给您答复。')).toEqual([{ expression: '不知道', category: 'buck_passing' }]);
  });

  it('员工文明服务要求 2.②: a phrase longer than one word matches as a run of consecutive words (卧 / 槽, 你 / 是不是 / 傻)', () => {
    const rude = matcher({ vulgar: list('卧槽'), sarcasm: list('你是不是傻') });
    expect(rude.findIn('卧槽这谁干的')).toEqual([{ expression: '卧槽', category: 'vulgar' }]);
    expect(rude.findIn('说了三遍了，你是不是傻？')).toEqual([{ expression: '你是不是傻', category: 'sarcasm' }]);
    // A one-character word does not match inside a longer word: 依靠 is not 靠.
    expect(matcher({ vulgar: list('靠') }).findIn('依靠大家支持，小区越来越好')).toEqual([]);
  });

  it('第五条: a phrase marked exact matches where segmentation joins it with its neighbours (我也没 / 办法, 你找 / 别人 / 去)', () => {
    expect(matcher({ buck_passing: list('没办法') }).findIn('这个我也没办法')).toEqual([]);
    expect(buckPassing.findIn('这个我也没办法')).toEqual([{ expression: '没办法', category: 'buck_passing' }]);
    expect(matcher({ buck_passing: list('找别人去') }).findIn('你找别人去')).toEqual([]);
    expect(buckPassing.findIn('你找别人去')).toEqual([{ expression: '找别人去', category: 'buck_passing' }]);
  });

  it('员工文明服务要求 2.②: spaces, punctuation and full-width letters between the characters hide nothing', () => {
    expect(buckPassing.findIn('找 别人 去！')).toEqual([{ expression: '找别人去', category: 'buck_passing' }]);
    expect(buckPassing.findIn('没，办法')).toEqual([{ expression: '没办法', category: 'buck_passing' }]);
    expect(matcher({ profanity: list('sb') }).findIn('你真是个ＳＢ')).toEqual([{ expression: 'sb', category: 'profanity' }]);
    // …and a Latin word is a word: sb inside USB is no hit.
    expect(matcher({ profanity: list('sb') }).findIn('USB接口已更换')).toEqual([]);
  });

  it('员工文明服务要求 2.②: passes a polite standard reply', () => {
    expect(buckPassing.findIn('您好，已安排维修师傅今天下午上门，请保持电话畅通，谢谢！')).toEqual([]);
  });

  it('员工文明服务要求 2.②: the shipped policy has a starter list in each of the four "don\'t says" and in 推诿', () => {
    const policy = shipped();
    for (const category of ['vulgar', 'profanity', 'sarcasm', 'idle_talk', 'buck_passing'] as const) {
      expect(policy.forbidden[category].length).toBeGreaterThan(0);
    }
    const shippedMatcher = new ForbiddenExpressions(policy.forbidden);
    expect(shippedMatcher.findIn('你是不是傻，这事不归我管')).toEqual([
      { expression: '你是不是傻', category: 'sarcasm' },
      { expression: '不归我管', category: 'buck_passing' },
    ]);
    expect(shippedMatcher.findIn('您好，物业已联系市政，殊不知道路维修需要审批，我们明天上午给您答复。')).toEqual([]);
    // 这个就不归我管 segments as 就不 / 归 / 我 / 管: the shipped list marks the phrase exact, and finds it.
    expect(shippedMatcher.findIn('这个就不归我管')).toEqual([{ expression: '不归我管', category: 'buck_passing' }]);
    // …while a short phrase stays on word boundaries: 我靠近门口 (我 / 靠近 / 门口) is no 我靠.
    expect(shippedMatcher.findIn('我靠近门口看了，灯已经修好')).toEqual([]);
  });

  it('第一篇 一.3: a written or online reply is refused and a spoken one flagged, by the shipped policy', () => {
    const policy = shipped();
    expect(['sms', 'online', 'written'].map((via) => [mediumOf(via), languageAction(policy, via)])).toEqual([
      ['written', 'refuse'],
      ['written', 'refuse'],
      ['written', 'refuse'],
    ]);
    expect(['phone', 'visit'].map((via) => [mediumOf(via), languageAction(policy, via)])).toEqual([
      ['spoken', 'flag'],
      ['spoken', 'flag'],
    ]);
  });
});
