import { ApiProperty } from '@nestjs/swagger';
import type { StandardPhrases } from '../config/policy.js';
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

/** 「四个不讲」: expressions a reply must not contain. */
export class ForbiddenPhrasesView {
  @EnumProperty('ForbiddenMode', ['block', 'flag'], {
    description: '`block` refuses a written or online reply that contains one; `flag` keeps it and flags it',
  })
  mode!: 'block' | 'flag';
  @ApiProperty({ type: String, isArray: true }) expressions!: string[];
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
