import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { ChannelEndpoint, Policy } from '../config/policy.js';
import type { Role } from '../config/roles.js';
import type { AnyDomainEvent } from '../events/domain-event.js';
import { OrgService } from '../org/org.service.js';
import { dueTimeFormatter } from '../common/business-time.js';
import { SlaPolicy } from '../sla/sla-policy.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { channelMessage, type ChannelMessage } from './channel-messages.js';
import { QuietHours } from './quiet-hours.js';

/** What a resident is owed by SMS: the promised reply time (复清楚) and the rating link once resolved (回访). */
const RESIDENT_SMS_EVENTS = new Set(['ticket.promised', 'ticket.resolved']);

/** Who a notice is addressed to: the event's recipients, or for an SLA warning or breach the ticket's handler. */
export function addressees(event: AnyDomainEvent): string[] {
  const p = event.payload as { recipients?: unknown; handlerId?: unknown };
  const ids = Array.isArray(p.recipients) ? p.recipients.filter((id): id is string => typeof id === 'string') : [];
  if ((event.name === 'sla.warned' || event.name === 'sla.breached') && typeof p.handlerId === 'string') ids.push(p.handlerId);
  return ids;
}

/** Every event name some endpoint listens to: what the after-commit consumer subscribes. */
export const routedEvents = (policy: Policy) => [...new Set(policy.channels.endpoints.flatMap((e) => e.events))];

/**
 * The channel layer's after-commit consumer: for each delivered event, one delivery row per endpoint the
 * policy routes it to (by event name, department and the roles of whom it is addressed to), due now or, for a non-urgent notice in quiet
 * hours, at their end. The (event, endpoint) key makes a redelivered event add nothing.
 */
@Injectable()
export class ChannelRouter {
  private readonly quiet: QuietHours;
  private readonly due: (d: Date) => string;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly tickets: TicketsQuery,
    private readonly org: OrgService,
    sla: SlaPolicy,
    @Inject(POLICY) private readonly policy: Policy,
  ) {
    const q = policy.channels.quietHours;
    this.quiet = new QuietHours(q.start, q.end, policy.company.timeZone, q.calendar ? sla.calendar(q.calendar) : undefined);
    this.due = dueTimeFormatter(policy.company.timeZone);
  }

  async route(events: AnyDomainEvent[]): Promise<void> {
    const now = this.clock.now();
    const audiences = await this.tickets.audiences([...new Set(events.flatMap((e) => (e.ticketId ? [e.ticketId] : [])))]);
    const departments = new Map((await this.org.listDepartments()).map((d) => [d.id, d]));
    const rolesOf = await this.rolesOf(events);
    const urgent = new Set(this.policy.channels.urgentEvents);
    const rows: { event: AnyDomainEvent; endpoint: ChannelEndpoint; message: ChannelMessage; at: Date }[] = [];
    for (const event of events) {
      const audience = event.ticketId ? audiences.get(event.ticketId) : undefined;
      const departmentId = String((event.payload as Record<string, unknown>).departmentId ?? audience?.departmentId ?? '');
      const department = departments.get(departmentId);
      const message = channelMessage(event, audience?.reference ?? null, this.due, department?.name ?? null);
      const at = urgent.has(event.name) ? now : this.quiet.release(now);
      for (const endpoint of this.policy.channels.endpoints) {
        if (!endpoint.events.includes(event.name)) continue;
        if (endpoint.departments.length && (!department || !endpoint.departments.includes(department.code))) continue;
        if (endpoint.roles.length && !addressees(event).some((id) => rolesOf.get(id)?.some((role) => endpoint.roles.includes(role)))) continue;
        // SMS goes to the resident of a ticket, and only for what the resident is owed: the promised reply time
        // (复清楚) and, once the matter is resolved, the link to rate it (回访).
        if (endpoint.kind === 'sms' && (!event.ticketId || !RESIDENT_SMS_EVENTS.has(event.name))) continue;
        rows.push({ event, endpoint, message, at });
      }
    }
    if (!rows.length) return;
    await this.db.query(
      `INSERT INTO channel_delivery (event_id, event_name, ticket_id, endpoint, channel, created_at, next_attempt_at, message)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::jsonb[])
       ON CONFLICT (event_id, endpoint) DO NOTHING`,
      [
        rows.map((r) => r.event.id),
        rows.map((r) => r.event.name),
        rows.map((r) => r.event.ticketId),
        rows.map((r) => r.endpoint.name),
        rows.map((r) => r.endpoint.kind),
        rows.map(() => now),
        rows.map((r) => r.at),
        rows.map((r) => JSON.stringify(r.message)),
      ],
    );
  }

  /** The roles each addressee holds now, read once per batch and only when some endpoint routes by role. */
  private async rolesOf(events: AnyDomainEvent[]): Promise<Map<string, Role[]>> {
    if (!this.policy.channels.endpoints.some((e) => e.roles.length)) return new Map();
    const ids = [...new Set(events.flatMap(addressees))];
    if (!ids.length) return new Map();
    const rows: { id: string; roles: Role[] }[] = await this.db.query(`SELECT id, roles FROM staff WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.roles]));
  }
}
