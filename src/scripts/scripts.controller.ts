import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { AnyRole } from '../org/roles.decorator.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { ScriptsView } from './scripts.view.js';

@ApiTags('scripts')
@Controller('scripts')
export class ScriptsController {
  constructor(@Inject(POLICY) private readonly policy: Policy) {}

  @Get()
  @AnyRole()
  @ApiEndpoint('The standard phrases for intake, the forbidden expressions and the category routing, from the policy', { ok: ScriptsView })
  phrases(): ScriptsView {
    return {
      standard: this.policy.phrases.standard,
      forbidden: { mode: this.policy.phrases.forbidden.mode, expressions: [...this.policy.phrases.forbidden.expressions] },
      categories: Object.entries(this.policy.categories).map(([name, c]) => ({ name, department: c.department })),
    };
  }
}
