import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import type { Role } from '../org/roles.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { DisciplinaryCasePageView, OverreachPageView, ScoringRecordsQuery, ValidComplaintPageView } from './dto/scoring-records.view.js';
import { DisciplinaryOutcomeDto, EntriesQuery, OverreachDto, ReverseDto, ValidComplaintDto } from './dto/scoring.dto.js';
import { DisciplinaryDecisionView, EntryView, OverreachView, ReversalView, ValidComplaintView } from './dto/scoring.view.js';
import { OverreachService } from './overreach.service.js';
import { ScoringEntriesService } from './scoring-entries.service.js';
import { ScoringRecords } from './scoring-records.query.js';
import { ValidComplaintsService } from './valid-complaints.service.js';

/** Who reads the ledger and the registers behind it: company leaders, HR and admins (DESIGN "who may see what"). */
const LEDGER_READERS: Role[] = ['manager', 'hr', 'admin'];

@ApiTags('scoring')
@Controller()
export class ScoringController {
  constructor(
    private readonly overreach: OverreachService,
    private readonly validComplaints: ValidComplaintsService,
    private readonly entries: ScoringEntriesService,
    private readonly records: ScoringRecords,
  ) {}

  @Post('tickets/:id/overreach')
  @Roles('supervisor', 'manager')
  @IdempotencyHeader()
  @ApiEndpoint('Register an overreach (越级投诉, 第十条) and charge it per the penalty table; once per ticket, level and day', {
    created: OverreachView,
    errors: [404, 409, 422],
  })
  registerOverreach(
    @IdParam() id: string,
    @Body() dto: OverreachDto,
    @CurrentUser() user: Principal,
    @Idempotency() idem: IdempotencyScope | undefined,
  ): Promise<OverreachView> {
    return this.overreach.register(id, dto, user, idem);
  }

  @Post('tickets/:id/valid-complaint')
  @Roles('supervisor')
  @IdempotencyHeader()
  @ApiEndpoint('The employee’s department supervisor decides whether a complaint against them is valid (有效投诉, 第十一条)', {
    created: ValidComplaintView,
    errors: [404, 409, 422],
  })
  decideValidComplaint(
    @IdParam() id: string,
    @Body() dto: ValidComplaintDto,
    @CurrentUser() user: Principal,
    @Idempotency() idem: IdempotencyScope | undefined,
  ): Promise<ValidComplaintView> {
    return this.validComplaints.decide(id, dto, user, idem);
  }

  @Get('scoring/entries')
  @Roles(...LEDGER_READERS)
  @ApiEndpoint('The penalty ledger, by statistical month, employee, department and rule', { ok: [EntryView], errors: [400] })
  list(@Query() q: EntriesQuery): Promise<EntryView[]> {
    return this.entries.list(q);
  }

  @Get('scoring/overreaches')
  @Roles(...LEDGER_READERS)
  @ApiEndpoint(
    'Registered overreaches (第十条), by statistical month, department charged and person (responsible or supervisor), newest first in cursor pages',
    { ok: OverreachPageView, errors: [400] },
  )
  listOverreaches(@Query() q: ScoringRecordsQuery): Promise<OverreachPageView> {
    return this.records.overreaches(q);
  }

  @Get('scoring/valid-complaints')
  @Roles(...LEDGER_READERS)
  @ApiEndpoint('Valid-complaint determinations (第十一条), by statistical month, department and employee, newest first in cursor pages', {
    ok: ValidComplaintPageView,
    errors: [400],
  })
  listValidComplaints(@Query() q: ScoringRecordsQuery): Promise<ValidComplaintPageView> {
    return this.records.validComplaints(q);
  }

  @Get('scoring/disciplinary-cases')
  @Roles(...LEDGER_READERS)
  @ApiEndpoint(
    'Supervisors’ disciplinary cases (第十条(三)) and their outcomes, by statistical month, department and supervisor, newest first in cursor pages',
    { ok: DisciplinaryCasePageView, errors: [400] },
  )
  listDisciplinaryCases(@Query() q: ScoringRecordsQuery): Promise<DisciplinaryCasePageView> {
    return this.records.disciplinaryCases(q);
  }

  @Post('scoring/entries/:id/reverse')
  @Roles('manager', 'hr')
  @IdempotencyHeader()
  @ApiEndpoint('Reverse an entry on appeal: a reversing entry in the current open month (entries are never changed)', {
    created: ReversalView,
    errors: [404, 409, 422],
  })
  reverse(
    @IdParam() id: string,
    @Body() dto: ReverseDto,
    @CurrentUser() user: Principal,
    @Idempotency() idem: IdempotencyScope | undefined,
  ): Promise<ReversalView> {
    return this.entries.reverse(id, dto.reason, user, idem);
  }

  @Post('scoring/disciplinary-cases/:id/outcome')
  @Roles('hr')
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiEndpoint('Record the outcome of a supervisor’s disciplinary case (第十条(三): 记过、降薪、降级、辞退 or none)', {
    ok: DisciplinaryDecisionView,
    errors: [404, 409],
  })
  decideDisciplinary(
    @IdParam() id: string,
    @Body() dto: DisciplinaryOutcomeDto,
    @CurrentUser() user: Principal,
    @Idempotency() idem: IdempotencyScope | undefined,
  ): Promise<DisciplinaryDecisionView> {
    return this.overreach.decide(id, dto, user, idem);
  }
}
