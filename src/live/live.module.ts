import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OrgModule } from '../org/org.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { EventStreamController } from './event-stream.controller.js';
import { LiveFanout } from './live-fanout.js';
import { LiveStreams } from './live-streams.js';
import { StreamTokens } from './stream-token.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LIVE_ENTITIES } from './live.entities.js';

/** Live dashboards: domain events over server-sent events, fanned out to every instance with LISTEN/NOTIFY. */
@Module({
  imports: [TypeOrmModule.forFeature(LIVE_ENTITIES), AuthModule, OrgModule, TicketsModule],
  controllers: [EventStreamController],
  providers: [LiveFanout, LiveStreams, StreamTokens],
  exports: [LiveStreams],
})
export class LiveModule {}
