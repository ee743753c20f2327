import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { Roles } from '../org/roles.decorator.js';
import { SweepScheduler, type SweepRun } from './scheduler.service.js';
import { SweepRunView } from './sweep-run.view.js';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly scheduler: SweepScheduler) {}

  @Post('sweeps')
  @Roles('admin')
  @HttpCode(200)
  @ApiEndpoint('Run one scheduler sweep now; returns what it did (claimed, warned, breached, escalated, delivered)', { ok: SweepRunView })
  sweep(): Promise<SweepRun> {
    return this.scheduler.runOnce();
  }
}
