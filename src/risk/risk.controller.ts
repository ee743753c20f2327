import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { ApiErrors } from '../common/http/api-docs.js';
import { RiskQuery } from './risk.query.js';
import { RiskBoardView, RiskListQuery } from './risk.view.js';

@ApiTags('sla')
@Controller('sla')
export class RiskController {
  constructor(private readonly risk: RiskQuery) {}

  @Get('risk')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Tickets not yet closed ranked by overreach risk (0–100) with the reasons; supervisors see their own department',
    description:
      'Reasons: breached or nearly breached clocks, repeat contacts, major severity, age, a dissatisfied follow-up, reopenings, words naming an outside venue. Weights and words are in config/policy.yaml under risk.',
  })
  @ApiOkResponse({ type: RiskBoardView })
  @ApiErrors(400)
  list(@Query() q: RiskListQuery, @CurrentUser() user: Principal): Promise<RiskBoardView> {
    return this.risk.board(user, { limit: q.limit ?? 20, departmentId: q.departmentId });
  }
}
