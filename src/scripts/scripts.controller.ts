import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { AnyRole } from '../org/roles.decorator.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import type { ServiceLanguagePolicy } from '../config/policy.js';
import { FORBIDDEN_CATEGORIES } from '../config/service-language-categories.js';
import { ScriptsView, type ForbiddenPhrasesView } from './scripts.view.js';

function forbiddenView(policy: ServiceLanguagePolicy): ForbiddenPhrasesView {
  return {
    written: policy.written,
    spoken: policy.spoken,
    expressions: FORBIDDEN_CATEGORIES.flatMap((category) => policy.forbidden[category].map((p) => ({ phrase: p.phrase, category, exact: p.exact }))),
  };
}

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
      forbidden: forbiddenView(this.policy.serviceLanguage),
      categories: Object.entries(this.policy.categories).map(([name, c]) => ({ name, department: c.department })),
    };
  }
}
