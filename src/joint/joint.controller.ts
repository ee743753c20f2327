import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { JointService } from './joint.service.js';
import { JointTaskView } from './joint.view.js';

export class CreateJointTaskDto {
  @ApiProperty({ description: 'The co-department (not the ticket’s own department, which leads)', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  @IsUUID()
  departmentId!: string;
  @ApiProperty({ description: 'What the co-department must do', example: '工程部核查楼上管道是否渗漏' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  task!: string;
  @ApiPropertyOptional({
    description: 'Due time, ISO-8601 with offset, in the future; default: policy `joint.taskMinutes` from now',
    example: '2026-11-29T17:00:00+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  dueAt?: string;
}

export class AssignJointTaskDto {
  @ApiProperty({ description: 'An active member of the co-department', example: '5b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d' }) @IsUUID() staffId!: string;
}

export class SignOffJointTaskDto {
  @ApiProperty({ description: 'What was done', example: '已更换渗漏管段' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}

@ApiTags('joint')
@Controller('tickets/:id/joint-tasks')
export class JointController {
  constructor(private readonly joint: JointService) {}

  @Get()
  @Roles('staff', 'supervisor', 'manager', 'hr', 'admin')
  @ApiEndpoint('The co-departments’ tasks on a ticket (联合办理)', { ok: [JointTaskView], errors: [404] })
  list(@IdParam() id: string, @CurrentUser() user: Principal): Promise<JointTaskView[]> {
    return this.joint.list(id, user);
  }

  @Post()
  @Roles('staff', 'supervisor', 'manager')
  @IdempotencyHeader()
  @ApiEndpoint('Give a co-department a task on the ticket (联合办理): by the ticket’s handler, its department’s supervisor or a company leader', {
    created: JointTaskView,
    errors: [400, 403, 404, 422],
  })
  create(
    @IdParam() id: string,
    @Body() dto: CreateJointTaskDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<JointTaskView> {
    return this.joint.create(id, dto, user, idempotency);
  }

  @Post(':taskId/assign')
  @Roles('supervisor')
  @IdempotencyHeader()
  @ApiEndpoint('Assign the co-department’s task to one of its members: by the co-department’s supervisor', {
    created: JointTaskView,
    errors: [400, 403, 404, 422],
  })
  assign(
    @IdParam() id: string,
    @IdParam('taskId') taskId: string,
    @Body() dto: AssignJointTaskDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<JointTaskView> {
    return this.joint.assign(id, taskId, dto.staffId, user, idempotency);
  }

  @Post(':taskId/sign-off')
  @Roles('staff', 'supervisor')
  @IdempotencyHeader()
  @ApiEndpoint('Sign the task off: by its handler', { created: JointTaskView, errors: [400, 403, 404, 422] })
  signOff(
    @IdParam() id: string,
    @IdParam('taskId') taskId: string,
    @Body() dto: SignOffJointTaskDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<JointTaskView> {
    return this.joint.signOff(id, taskId, dto.note, user, idempotency);
  }
}
