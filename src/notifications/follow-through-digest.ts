import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { dueTimeFormatter } from '../common/business-time.js';
import { SlaPolicy } from '../sla/sla-policy.js';
import { TicketDeadlines } from '../tickets/ticket-deadlines.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { NotificationsService } from './notifications.service.js';

/**
 * 第二条, 第七条(三) 跟清楚: once per business day, from `followThrough.digestAt` local time, each first responder
 * gets a digest of the tickets they handed off that are not yet closed, with each one's handler and next due time.
 * The scheduler calls it every sweep; the day's row makes it once across instances.
 */
@Injectable()
export class FollowThroughDigests {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly tickets: TicketsQuery,
    private readonly deadlines: TicketDeadlines,
    private readonly directory: StaffDirectory,
    private readonly sla: SlaPolicy,
    private readonly notifications: NotificationsService,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Sends today's digest if it is due and not yet sent; returns how many people got one. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const { digestAt, digestCalendar } = this.policy.followThrough;
    const local = DateTime.fromJSDate(now, { zone: this.policy.company.timeZone });
    const [hours, minutes] = digestAt.split(':').map(Number);
    if (local < local.startOf('day').plus({ hours, minutes })) return 0;
    if (!this.sla.isWorkingDay(digestCalendar, now)) return 0;
    const day = local.toISODate()!;
    return this.uow.run(async (em) => {
      const id = randomUUID();
      // A second instance waits here for the first one's commit, then inserts nothing.
      const claimed: unknown[] = await em.query(
        `INSERT INTO follow_through_digest (day, id, sent_at) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING RETURNING day`,
        [day, id, now],
      );
      if (!claimed.length) return 0;
      const tickets = await this.tickets.handedOff(em);
      const [due, people] = await Promise.all([
        this.deadlines.nextDue(
          tickets.map((t) => t.id),
          em,
        ),
        this.directory.people(
          tickets.map((t) => t.handlerId),
          em,
        ),
      ]);
      const format = dueTimeFormatter(this.policy.company.timeZone);
      const byResponder = new Map<string, string[]>();
      for (const t of tickets) {
        const next = due.get(t.id);
        const line = `${t.reference} 处理人 ${people.get(t.handlerId)?.name ?? '—'}，${next ? `下一时限 ${format(next)}` : '无进行中的时限'}`;
        byResponder.set(t.firstResponderId, [...(byResponder.get(t.firstResponderId) ?? []), line]);
      }
      await this.notifications.notifyMany(
        [...byResponder].map(([recipientId, lines]) => ({
          eventId: id,
          recipientId,
          ticketId: null,
          kind: 'follow_through.digest',
          title: `首问跟进日报：${lines.length} 件已转交未办结`,
          body: lines.join('\n'),
          at: now,
        })),
        em,
      );
      return byResponder.size;
    });
  }
}
