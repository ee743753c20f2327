import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { EventBus } from '../events/event-bus.js';
import type { TicketKind } from '../tickets/ticket.types.js';
import type { ComputedDeadline } from './sla-policy.js';
import { SlaPolicy } from './sla-policy.js';
import { SlaClock, type ClockPurpose } from './sla-clock.entity.js';
import { nextCheck } from './escalation-plan.js';
import { timeOrderedId } from '../common/time-ordered-id.js';

const LIVE = ['running', 'paused'] as const;

type PolicyClockStart = {
  ticketId: string;
  category: string;
  purpose: ClockPurpose;
  handlerId: string;
  departmentId: string;
  startedAt: Date;
  /** 第三条: a suggestion's or an enquiry's response span is its kind's; a complaint's (the default) its category's. */
  kind?: TicketKind;
};
type ClockStart = PolicyClockStart & { deadline: ComputedDeadline };

/** Starts, meets, cancels and re-assigns clocks inside the transaction of the ticket change that causes it. */
@Injectable()
export class SlaClocks {
  constructor(
    private readonly policy: SlaPolicy,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  async start(em: EntityManager, input: ClockStart): Promise<SlaClock> {
    const [clock] = await this.startMany(em, [input]);
    return clock;
  }

  /** Several clocks with one INSERT. */
  async startMany(em: EntityManager, inputs: ClockStart[]): Promise<SlaClock[]> {
    if (!inputs.length) return [];
    const clocks = this.clocks(em, inputs);
    await em.getRepository(SlaClock).insert(clocks);
    return clocks;
  }

  /** The clocks as rows to insert, with time-ordered ids (see timeOrderedId). */
  private clocks(em: EntityManager, inputs: ClockStart[]): SlaClock[] {
    const repo = em.getRepository(SlaClock);
    const now = this.clock.now();
    return inputs.map((input) => {
      const clock = repo.create({
        id: timeOrderedId(now),
        ticketId: input.ticketId,
        category: input.category,
        purpose: input.purpose,
        status: 'running',
        handlerId: input.handlerId,
        departmentId: input.departmentId,
        calendar: input.deadline.calendar,
        spanMinutes: input.deadline.spanMinutes,
        startedAt: input.startedAt,
        warnAt: input.deadline.warnAt,
        dueAt: input.deadline.dueAt,
        originalDueAt: null,
        explanation: input.deadline.explanation,
        warnedAt: null,
        breachedAt: null,
        escalationLevel: 0,
        metAt: null,
        pausedAt: null,
        remainingAtPause: null,
        pausedMinutes: 0,
      });
      clock.nextCheckAt = nextCheck(clock, this.policy.escalation);
      return clock;
    });
  }

  /** Starts a clock of `purpose` spanning the category's policy from `startedAt`. */
  async startFromPolicy(em: EntityManager, input: PolicyClockStart): Promise<SlaClock> {
    const [clock] = await this.startManyFromPolicy(em, [input]);
    return clock;
  }

  async startManyFromPolicy(em: EntityManager, inputs: PolicyClockStart[]): Promise<SlaClock[]> {
    return this.startMany(em, this.fromPolicy(inputs));
  }

  /**
   * A new ticket's clocks, with the event that starts them: in intake's numbered statement (EventBus.insertWithEvent).
   * Nothing reads them before it: a clock intake meets at once (an appointment's) is started with `startMany`.
   */
  async startWithEvent(em: EntityManager, inputs: PolicyClockStart[]): Promise<void> {
    await this.bus.insertWithEvent(em, SlaClock, this.clocks(em, this.fromPolicy(inputs)));
  }

  private fromPolicy(inputs: PolicyClockStart[]): ClockStart[] {
    return inputs.map((input) => {
      const spans = this.policy.spans(input.category, input.kind);
      return { ...input, deadline: this.policy.deadline(spans.calendar, input.startedAt, this.policy.spanFor(spans, input.purpose), spans.warnAtPercent) };
    });
  }

  /** Meets the live clocks of these purposes; a breached one is met late and its breach records when. */
  async meet(em: EntityManager, ticketId: string, purposes: ClockPurpose[], at: Date, actorId: string | null): Promise<SlaClock[]> {
    const clocks = await em
      .getRepository(SlaClock)
      .find({ where: { ticketId, purpose: In(purposes), status: In([...LIVE]) }, lock: { mode: 'pessimistic_write' } });
    for (const clock of clocks) {
      await em.getRepository(SlaClock).update({ id: clock.id }, { status: 'met', metAt: at, nextCheckAt: null });
      // The breach stays as recorded; when it was met after all is a row of its own (append-only).
      if (clock.breachedAt) {
        await em.query(`INSERT INTO sla_breach_met (breach_id, met_at) SELECT id, $2 FROM sla_breach WHERE clock_id = $1 ON CONFLICT DO NOTHING`, [
          clock.id,
          at,
        ]);
      }
      await this.bus.publish(em, { name: 'sla.met', ticketId, actorId, payload: { clockId: clock.id, purpose: clock.purpose, late: !!clock.breachedAt } });
    }
    return clocks;
  }

  async cancel(em: EntityManager, ticketId: string, purposes: ClockPurpose[] | 'all'): Promise<void> {
    const where = { ticketId, status: In([...LIVE]), ...(purposes === 'all' ? {} : { purpose: In(purposes) }) };
    await em.getRepository(SlaClock).update(where, { status: 'cancelled', nextCheckAt: null });
  }

  async reassign(em: EntityManager, ticketId: string, handlerId: string, departmentId: string): Promise<void> {
    await em.getRepository(SlaClock).update({ ticketId, status: In([...LIVE]) }, { handlerId, departmentId });
  }

  /** Staff activity on an open ticket: the stale clock starts over (a breach already recorded stays). */
  async touch(em: EntityManager, ticketId: string, at: Date, actorId: string | null): Promise<void> {
    const [met] = await this.meet(em, ticketId, ['activity'], at, actorId);
    if (met)
      await this.startFromPolicy(em, {
        ticketId,
        category: met.category,
        purpose: 'activity',
        handlerId: met.handlerId,
        departmentId: met.departmentId,
        startedAt: at,
      });
  }

  /** The latest clock of a ticket: where a reaction finds the category, handler and department it needs. */
  async latest(em: EntityManager, ticketId: string): Promise<SlaClock | null> {
    return em.getRepository(SlaClock).findOne({ where: { ticketId }, order: { startedAt: 'DESC' } });
  }

  async live(em: EntityManager, ticketId: string): Promise<SlaClock[]> {
    return em.getRepository(SlaClock).find({ where: { ticketId, status: In([...LIVE]) } });
  }
}
