import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../auth/roles.decorator.js';
import { POLICY } from '../config/config.module.js';
import type { Policy, StandardPhrases } from '../config/policy.js';

export interface ScriptsView {
  /** Part 1 一.3 and 第四条: what to say at each step of a call or visit. */
  standard: StandardPhrases;
  /** 「四个不讲」: expressions a reply must not contain, and whether they block or flag. */
  forbidden: { mode: 'block' | 'flag'; expressions: string[] };
  /** Routing: each category and the department (by code) it goes to. */
  categories: Array<{ name: string; department: string }>;
}

@ApiTags('scripts')
@ApiBearerAuth()
@Controller('scripts')
export class ScriptsController {
  constructor(@Inject(POLICY) private readonly policy: Policy) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The standard phrases for intake, the forbidden expressions and the category routing, from the policy' })
  scripts(): ScriptsView {
    return {
      standard: this.policy.phrases.standard,
      forbidden: { mode: this.policy.phrases.forbidden.mode, expressions: [...this.policy.phrases.forbidden.expressions] },
      categories: Object.entries(this.policy.categories).map(([name, c]) => ({ name, department: c.department })),
    };
  }
}
