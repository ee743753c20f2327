import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { CONTACTS, VERDICTS, type Verdict } from './follow-up.entity.js';
import { FollowUpsService, type FollowUpResult } from './follow-ups.service.js';

export class FollowUpDto {
  @ApiProperty({ enum: CONTACTS, description: 'How the resident was contacted' }) @IsIn(CONTACTS) contact!: string;
  @ApiProperty({ enum: VERDICTS, description: '`no_answer`: a failed attempt; `unreachable` only after the policy’s number of failed attempts; `dissatisfied` reopens the ticket as a redo' })
  @IsIn(VERDICTS)
  verdict!: Verdict;
  @ApiProperty({ description: 'What the resident said' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('tickets/:id/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post()
  @Roles('staff', 'supervisor', 'manager', 'admin')
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Record a follow-up visit (回访) and the resident’s verdict' })
  record(
    @Param('id', UuidParam) id: string,
    @Body() dto: FollowUpDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<FollowUpResult> {
    return this.followUps.record(id, dto, user, idempotency);
  }
}
