import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { EventBus } from '../events/event-bus.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { TicketWriter } from './ticket-writer.js';
import { TicketsQuery } from './tickets.query.js';

/**
 * What every command that changes a ticket works with, in one place: the transaction (idempotent at the HTTP
 * edge), the injected clock, the ticket's reads (visible or 404), its writer (save with the version check, history
 * rows), the event bus, the staff directory and the company's policy. A state change, its history rows and its
 * events commit together because they go through `uow.run`'s one EntityManager. Intake, the ticket commands,
 * leader reports, recurring problems, scoring decisions, extensions, supervision orders and joint tasks take this
 * instead of the same seven collaborators each.
 */
@Injectable()
export class TicketWork {
  constructor(
    readonly uow: IdempotentWork,
    readonly clock: Clock,
    readonly tickets: TicketsQuery,
    readonly writer: TicketWriter,
    readonly bus: EventBus,
    readonly directory: StaffDirectory,
    @Inject(POLICY) readonly policy: Policy,
  ) {}
}
