import { describe, expect, it } from '@jest/globals';
import { forbiddenExpressionsIn } from './service-language.js';

describe('service language (四个不讲)', () => {
  const list = ['不归我管', '找别人去', '没办法'];

  it('finds a forbidden expression inside a reply', () => {
    expect(forbiddenExpressionsIn('这个事不归我管，你找物业吧', list)).toEqual(['不归我管']);
  });

  it('finds it despite spaces and punctuation put between the characters', () => {
    expect(forbiddenExpressionsIn('找 别人 去！', list)).toEqual(['找别人去']);
    expect(forbiddenExpressionsIn('没，办法', list)).toEqual(['没办法']);
  });

  it('passes a polite standard reply', () => {
    expect(forbiddenExpressionsIn('您好，已安排维修师傅今天下午上门，请保持电话畅通，谢谢！', list)).toEqual([]);
  });
});
