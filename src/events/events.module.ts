import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EVENTS_ENTITIES } from './events.entities.js';

/** The bus and its dispatcher; knows no domain module. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(EVENTS_ENTITIES)],
  providers: [EventBus, OutboxDispatcher],
  exports: [EventBus, OutboxDispatcher],
})
export class EventsModule {}
