import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import type { DomainEventName } from '../events/domain-event.js';
import { EventBus } from '../events/event-bus.js';
import { OrgModule } from '../org/org.module.js';
import { ResidentsModule } from '../residents/residents.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ChannelDeadLettersController } from './channel-dead-letters.controller.js';
import { ChannelDeadLetters } from './channel-dead-letters.js';
import { ChannelRouter, routedEvents } from './channel-router.js';
import { ChannelSender } from './channel-sender.js';
import { CHANNELS_ENTITIES } from './channels.entities.js';

/**
 * Outgoing channels (generic webhook, 企业微信 and 钉钉 group robots, SMS to residents): an after-commit
 * consumer of the outbox routes events to endpoints by policy, a sweep of its own sends them. No domain
 * module knows it; intake never waits for it.
 */
@Module({
  imports: [TypeOrmModule.forFeature(CHANNELS_ENTITIES), TicketsModule, OrgModule, SlaModule, ResidentsModule],
  controllers: [ChannelDeadLettersController],
  providers: [ChannelRouter, ChannelSender, ChannelDeadLetters],
  exports: [ChannelSender],
})
export class ChannelsModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly router: ChannelRouter,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onModuleInit(): void {
    const events = routedEvents(this.policy) as DomainEventName[];
    // Off until an endpoint is listed: no outbox rows are written for a consumer that does not exist.
    if (events.length) this.bus.consumeMany('channels', events, (batch) => this.router.route(batch));
  }
}
