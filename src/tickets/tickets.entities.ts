import { Ticket } from './ticket.entity.js';
import { TicketHistory } from './ticket-history.entity.js';
import { TicketReply } from './ticket-reply.entity.js';
import { TicketContact } from './ticket-contact.entity.js';
import { ReferenceCounter } from './reference-counter.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const TICKETS_ENTITIES = [Ticket, TicketHistory, TicketReply, TicketContact, ReferenceCounter];
