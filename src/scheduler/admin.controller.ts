import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { SweepScheduler, type SweepRun } from './scheduler.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(private readonly scheduler: SweepScheduler) {}

  @Post('sweeps')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run one scheduler sweep now; returns what it did (claimed, warned, breached, escalated, delivered)' })
  sweep(): Promise<SweepRun> {
    return this.scheduler.runOnce();
  }
}
