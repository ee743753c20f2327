import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsService } from './follow-ups.service.js';

@Module({ imports: [TicketsModule], controllers: [FollowUpsController], providers: [FollowUpsService], exports: [FollowUpsService] })
export class FollowUpsModule {}
