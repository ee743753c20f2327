import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { CHECKLIST_ITEMS } from './checklist.entity.js';
import { ChecklistService, type ChecklistView } from './checklist.service.js';

export class TickDto {
  @ApiProperty({ description: 'The evidence: what was heard, asked, followed, told or recorded' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

@ApiTags('checklist')
@ApiBearerAuth()
@Controller('tickets/:id/checklist')
export class ChecklistController {
  constructor(private readonly checklist: ChecklistService) {}

  @Post(':item')
  @Roles('staff', 'supervisor', 'manager', 'admin')
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiParam({ name: 'item', enum: CHECKLIST_ITEMS, description: '听清楚 listen, 问清楚 ask, 跟清楚 follow, 复清楚 reply, 记清楚 record, 报告 report' })
  @ApiOperation({ summary: 'Tick one of the five clears and one report (第七条) with its evidence' })
  tick(
    @Param('id', UuidParam) id: string,
    @Param('item') item: string,
    @Body() dto: TickDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ChecklistView> {
    return this.checklist.tick(id, item, dto.note, user, idempotency);
  }
}
