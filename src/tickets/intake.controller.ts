import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { invalidInput } from '../common/errors/domain-error.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { IntakeMatchesQuery, IntakeMatchesView } from './dto/intake-matches.dto.js';
import { IntakeMatches } from './intake-matches.js';
import { normalisePhone } from './phone.js';
import { TICKET_ACTORS } from './ticket-command.decorator.js';

@ApiTags('tickets')
@Controller('intake')
export class IntakeController {
  constructor(
    private readonly matches: IntakeMatches,
    private readonly db: DataSource,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** 第九条, DESIGN decision 9: asked while the clerk types, so the same/new choice is offered before saving. */
  @Get('matches')
  @Roles(...TICKET_ACTORS)
  @ApiEndpoint(
    'The caller’s open tickets of a category (same phone): same matter or new matter; and, apart, their closed ones (earlier matters); other departments’ tickets told only as the desk may tell them',
    {
      ok: IntakeMatchesView,
      errors: [400],
    },
  )
  async list(@Query() query: IntakeMatchesQuery, @CurrentUser() user: Principal): Promise<IntakeMatchesView> {
    if (!this.policy.categories[query.category]) throw invalidInput('category', `unknown category "${query.category}"`);
    const phone = normalisePhone(query.phone);
    if (!phone) throw invalidInput('phone', 'must be a mainland mobile (13812345678) or a landline with area code (0371-62345678)');
    const em = this.db.manager;
    const earlier = await this.matches.earlier(em, phone, query.category, user);
    if (!this.policy.intake.linkRepeatContacts) return { matches: [], earlier };
    return { matches: await this.matches.views(em, await this.matches.find(em, phone, query.category), user), earlier };
  }
}
