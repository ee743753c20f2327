import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { DisciplinaryOutcomeDto, EntriesQuery, OverreachDto, ReverseDto, ValidComplaintDto } from './dto/scoring.dto.js';
import { OverreachService } from './overreach.service.js';
import { ScoringEntriesService } from './scoring-entries.service.js';
import { ValidComplaintsService } from './valid-complaints.service.js';

@ApiTags('scoring')
@ApiBearerAuth()
@Controller()
export class ScoringController {
  constructor(
    private readonly overreach: OverreachService,
    private readonly validComplaints: ValidComplaintsService,
    private readonly entries: ScoringEntriesService,
  ) {}

  @Post('tickets/:id/overreach')
  @Roles('supervisor', 'manager')
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Register an overreach (越级投诉, 第十条) and charge it per the penalty table; once per ticket, level and day' })
  registerOverreach(@Param('id', UuidParam) id: string, @Body() dto: OverreachDto, @CurrentUser() user: Principal, @Idempotency() idem: IdempotencyScope | undefined) {
    return this.overreach.register(id, dto, user, idem);
  }

  @Post('tickets/:id/valid-complaint')
  @Roles('supervisor')
  @IdempotencyHeader()
  @ApiOperation({ summary: 'The employee’s department supervisor decides whether a complaint against them is valid (有效投诉, 第十一条)' })
  decideValidComplaint(@Param('id', UuidParam) id: string, @Body() dto: ValidComplaintDto, @CurrentUser() user: Principal, @Idempotency() idem: IdempotencyScope | undefined) {
    return this.validComplaints.decide(id, dto, user, idem);
  }

  @Get('scoring/entries')
  @Roles('manager', 'hr', 'admin')
  @ApiOperation({ summary: 'The penalty ledger, by statistical month, employee, department and rule' })
  list(@Query() q: EntriesQuery) {
    return this.entries.list(q);
  }

  @Post('scoring/entries/:id/reverse')
  @Roles('manager', 'hr')
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Reverse an entry on appeal: a reversing entry in the current open month (entries are never changed)' })
  reverse(@Param('id', UuidParam) id: string, @Body() dto: ReverseDto, @CurrentUser() user: Principal, @Idempotency() idem: IdempotencyScope | undefined) {
    return this.entries.reverse(id, dto.reason, user, idem);
  }

  @Post('scoring/disciplinary-cases/:id/outcome')
  @Roles('hr')
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Record the outcome of a supervisor’s disciplinary case (第十条(三): 记过、降薪、降级、辞退 or none)' })
  decideDisciplinary(@Param('id', UuidParam) id: string, @Body() dto: DisciplinaryOutcomeDto, @CurrentUser() user: Principal, @Idempotency() idem: IdempotencyScope | undefined) {
    return this.overreach.decide(id, dto, user, idem);
  }
}
