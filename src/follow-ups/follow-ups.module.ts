import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsService } from './follow-ups.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FOLLOW_UPS_ENTITIES } from './follow-ups.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(FOLLOW_UPS_ENTITIES), TicketsModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
