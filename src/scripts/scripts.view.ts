import { ApiProperty } from '@nestjs/swagger';
import type { StandardPhrases } from '../config/policy.js';
import { FORBIDDEN_CATEGORIES, LANGUAGE_ACTIONS, type LanguageAction } from '../config/service-language-categories.js';
import { EnumProperty } from '../common/http/api-docs.js';

/** 第一篇 一.3 and 第四条: what to say at each step of a call or visit. */
export class StandardPhrasesView implements StandardPhrases {
  @ApiProperty() greeting!: string;
  @ApiProperty() hold!: string;
  @ApiProperty() sorryToWait!: string;
  @ApiProperty() transfer!: string;
  @ApiProperty() message!: string;
  @ApiProperty() callback!: string;
  @ApiProperty() confirm!: string;
  @ApiProperty() farewell!: string;
}

export class ForbiddenExpressionView {
  @ApiProperty({ example: '不归我管' }) phrase!: string;
  @EnumProperty('ForbiddenCategory', FORBIDDEN_CATEGORIES, {
    description:
      '员工文明服务要求「四个不讲」: vulgar 低级庸俗的口头语, profanity 脏话, sarcasm 讽刺挖苦话, idle_talk 与管理无关的闲话; buck_passing 推诿 (第五条)',
  })
  category!: string;
  @ApiProperty({ description: 'Matched anywhere (substring) rather than on word boundaries' }) exact!: boolean;
}

/** 「四个不讲」 and 推诿: expressions a reply must not contain, and what happens to a reply that does. */
export class ForbiddenPhrasesView {
  @EnumProperty('LanguageAction', LANGUAGE_ACTIONS, { description: 'A written or online reply (sms, online, written) with one: `refuse` (422) or `flag`' })
  written!: LanguageAction;
  @EnumProperty('LanguageAction', LANGUAGE_ACTIONS, {
    description: 'A spoken reply (phone, visit) with one: `flag` keeps it and tells the supervisor, or `refuse`',
  })
  spoken!: LanguageAction;
  @ApiProperty({ type: ForbiddenExpressionView, isArray: true }) expressions!: ForbiddenExpressionView[];
}

export class CategoryRouteView {
  @ApiProperty({ example: '报修' }) name!: string;
  @ApiProperty({ example: 'ENG', description: 'The department code it routes to' }) department!: string;
}

export class ScriptsView {
  @ApiProperty({ type: StandardPhrasesView }) standard!: StandardPhrasesView;
  @ApiProperty({ type: ForbiddenPhrasesView }) forbidden!: ForbiddenPhrasesView;
  @ApiProperty({ type: CategoryRouteView, isArray: true, description: 'Routing: each category and the department it goes to' })
  categories!: CategoryRouteView[];
}
