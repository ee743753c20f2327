import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { EventBus } from '../events/event-bus.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import type { Principal } from '../org/principal.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { ResidentTold, type ResidentToldFacts } from '../tickets/resident-told.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import type { RateDto, RatingResultView, RatingVerdict, TrackingView } from './dto/file-complaint.dto.js';
import { ResidentRating } from './resident-rating.entity.js';
import { ResidentThrottle } from './resident-throttle.js';
import { ResidentRuleCode } from './residents.rule-codes.js';
import { TrackingLink } from './tracking-link.entity.js';
import { TRACKING_TOKEN, trackingTokenHash } from './tracking-token.js';

/** Malformed, unknown, revoked and expired tokens get this one answer: the page is no oracle. */
const NO_SUCH_LINK = () => notFound('tracking link');

/**
 * The resident's private tracking page and its one-tap 回访 (第二条): what the resident was told, never staff
 * notes or history; a rating is a follow-up with contact `online`, exactly like a phone follow-up.
 */
@Injectable()
export class ResidentTracking {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly told: ResidentTold,
    private readonly followUps: FollowUpsService,
    private readonly directory: StaffDirectory,
    private readonly tickets: TicketsQuery,
    private readonly writer: TicketWriter,
    private readonly bus: EventBus,
    private readonly throttle: ResidentThrottle,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async view(token: string, address: string): Promise<TrackingView> {
    await this.throttle.tracking(address);
    return this.uow.run(async (em) => {
      const facts = await this.open(em, token);
      const rating = facts.resolvedAt
        ? await em.getRepository(ResidentRating).findOne({ where: { ticketId: facts.ticketId, resolvedAt: facts.resolvedAt } })
        : null;
      return {
        reference: facts.reference,
        category: facts.category,
        status: facts.status,
        receivedAt: facts.receivedAt.toISOString(),
        department: facts.department.name,
        handler: this.policy.resident.showHandlerNames ? facts.handler.name : null,
        replyBy: facts.status === 'open' ? (facts.replyBy?.toISOString() ?? null) : null,
        answers: facts.answers.map((a) => ({ via: a.via, content: a.content, final: a.final, at: a.at.toISOString() })),
        canRate: facts.status === 'resolved' && !rating,
        rated: (rating?.verdict as RatingVerdict | undefined) ?? null,
      };
    });
  }

  /** 回访 answered on the page: once per resolution; 不满意 reopens the ticket (重办) as a phone follow-up does. */
  async rate(dto: RateDto, address: string): Promise<RatingResultView> {
    await this.throttle.tracking(address);
    return this.uow.run(async (em) => {
      const facts = await this.open(em, dto.token);
      if (facts.status !== 'resolved' || !facts.resolvedAt) {
        throw ruleViolated(ResidentRuleCode.RatingAfterResolution, `the matter is rated once it is resolved; it is ${facts.status}`);
      }
      const rated = () => new DomainError(DomainErrorCode.Duplicate, 'this resolution is already rated', { rule: ResidentRuleCode.RatedOnce });
      if (await em.getRepository(ResidentRating).exists({ where: { ticketId: facts.ticketId, resolvedAt: facts.resolvedAt } })) throw rated();
      // The follow-up is recorded by the first responder on the resident's behalf (首问负责制: they follow it to the end).
      const responder = await this.directory.member(facts.firstResponderId, em);
      if (!responder) throw NO_SUCH_LINK();
      const actor: Principal = { id: responder.id, username: '', name: responder.name, roles: responder.roles, departmentId: responder.departmentId };
      const comment = dto.comment?.trim();
      const result = await this.followUps.recordIn(
        em,
        facts.ticketId,
        { contact: 'online', verdict: dto.verdict, note: comment ? `业主在线评价：${comment}` : '业主在线评价' },
        actor,
      );
      // The unique index (ticket, resolution) refuses a second rating, also one sent at the same moment.
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO resident_rating (ticket_id, resolved_at, follow_up_id, verdict, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (ticket_id, resolved_at) DO NOTHING RETURNING id`,
        [facts.ticketId, facts.resolvedAt, result.id, dto.verdict, this.clock.now()],
      );
      if (!inserted.length) throw rated();
      await this.bus.publish(em, {
        name: 'resident.rated',
        ticketId: facts.ticketId,
        actorId: actor.id,
        payload: { followUpId: result.id, verdict: dto.verdict },
      });
      return { verdict: dto.verdict, ticketStatus: result.ticketStatus, at: result.at };
    });
  }

  /** Staff end every tracking link of a ticket (a link forwarded to the wrong person): the page is 404 from now on. */
  revoke(ticketId: string, actor: Principal): Promise<{ revoked: number }> {
    return this.uow.run(async (em) => {
      await this.tickets.visible(em, ticketId, actor);
      const now = this.clock.now();
      const { affected } = await em.getRepository(TrackingLink).update({ ticketId, revokedAt: IsNull() }, { revokedAt: now, revokedById: actor.id });
      const revoked = affected ?? 0;
      // Nothing to end is no event: a repeated revoke records nothing.
      if (!revoked) return { revoked };
      await this.writer.history(em, ticketId, actor.id, now, { action: 'tracking_revoked', after: { revoked }, note: '业主查询链接已作废' });
      await this.bus.publish(em, { name: 'resident.tracking_revoked', ticketId, actorId: actor.id, payload: { revoked } });
      return { revoked };
    });
  }

  /** The ticket behind a live token: unknown, revoked and expired (closed + `resident.trackingRetentionDays`) are the same 404. */
  private async open(em: EntityManager, token: string): Promise<ResidentToldFacts> {
    if (!TRACKING_TOKEN.test(token)) throw NO_SUCH_LINK();
    const link = await em.getRepository(TrackingLink).findOne({ where: { tokenHash: trackingTokenHash(token) } });
    if (!link || link.revokedAt) throw NO_SUCH_LINK();
    const facts = await this.told.facts(em, link.ticketId);
    if (!facts) throw NO_SUCH_LINK();
    const retention = this.policy.resident.trackingRetentionDays * 86_400_000;
    if (facts.status === 'closed' && facts.closedAt && facts.closedAt.getTime() + retention <= this.clock.now().getTime()) throw NO_SUCH_LINK();
    return facts;
  }
}
