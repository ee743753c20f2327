import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { ApiEndpoint, ApiErrors } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { CHECKLIST_ITEMS } from './checklist.entity.js';
import { ChecklistService } from './checklist.service.js';
import { ChecklistView } from './checklist.view.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';

export class TickDto {
  @ApiProperty({ description: 'The evidence: what was heard, asked, followed, told or recorded', example: '已完整记录业主诉求：楼道灯损坏一周' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

@ApiTags('checklist')
@Controller('tickets/:id/checklist')
export class ChecklistController {
  constructor(private readonly checklist: ChecklistService) {}

  @Post(':item')
  @Roles(...TICKET_ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiParam({
    name: 'item',
    enum: [...CHECKLIST_ITEMS],
    enumName: 'ChecklistItem',
    description: '听清楚 listen, 问清楚 ask, 跟清楚 follow, 复清楚 reply, 记清楚 record, 报告 report',
  })
  @ApiEndpoint('Tick one of the five clears and one report (第七条) with its evidence')
  @ApiOkResponse({ type: ChecklistView, description: 'The ticket’s checklist after the tick' })
  @ApiErrors(404, 409, 422)
  tick(
    @IdParam() id: string,
    @Param('item') item: string,
    @Body() dto: TickDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ChecklistView> {
    return this.checklist.tick(id, item, dto.note, user, idempotency);
  }
}
