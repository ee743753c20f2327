import { Body, Controller, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { ApiEndpoint, EnumProperty } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';
import { CONTACTS, VERDICTS, type Verdict } from './follow-up.entity.js';
import { FollowUpResult } from './follow-up.view.js';
import { FollowUpsService } from './follow-ups.service.js';

export class FollowUpDto {
  @EnumProperty('FollowUpContact', CONTACTS, { description: 'How the resident was contacted', example: 'phone' }) @IsIn(CONTACTS) contact!: string;
  @EnumProperty('FollowUpVerdict', VERDICTS, {
    description: '`no_answer`: a failed attempt; `unreachable` only after the policy’s number of failed attempts; `dissatisfied` reopens the ticket as a redo',
    example: 'satisfied',
  })
  @IsIn(VERDICTS)
  verdict!: Verdict;
  @ApiProperty({ description: 'What the resident said', example: '业主表示维修及时，满意' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

@ApiTags('follow-ups')
@Controller('tickets/:id/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post()
  @Roles(...TICKET_ACTORS)
  @IdempotencyHeader()
  @ApiEndpoint('Record a follow-up visit (回访) and the resident’s verdict', { created: FollowUpResult, errors: [404, 409, 422] })
  record(
    @IdParam() id: string,
    @Body() dto: FollowUpDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<FollowUpResult> {
    return this.followUps.record(id, dto, user, idempotency);
  }
}
