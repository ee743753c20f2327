import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TicketWork } from '../tickets/ticket-work.js';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { notFound, ruleViolated } from '../common/errors/domain-error.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { ProblemSighting, RecurringProblem } from './problem.entity.js';
import { ProblemRuleCode } from './problem.rule-codes.js';
import { CACHED_PLAN } from '../database/plan-cache.js';

export interface ProblemView {
  id: string;
  category: string;
  community: string;
  building: string | null;
  departmentId: string;
  status: string;
  ticketCount: number;
  openedAt: string;
  analysis: string | null;
  measure: string | null;
  closedAt: string | null;
  tickets: { id: string; reference: string; receivedAt: string }[];
}

/**
 * 第九条: the place a complaint is counted at. A registered place groups by the register's ids (阳光花园3栋 and
 * 阳光花园 3 栋 are one building when the clerk picked it); a free-text address keeps category|community|building.
 */
export function problemPlaceKey(
  p: { category: string; community: string; building: string | null; place?: { communityId: string; buildingId: string | null } | null },
  scope: 'building' | 'community',
): string {
  if (p.place) {
    const at = scope === 'building' && p.place.buildingId ? `place:${p.place.buildingId}` : `place:${p.place.communityId}`;
    return `${p.category}|${at}`;
  }
  return (scope === 'building' && p.building ? [p.category, p.community, p.building] : [p.category, p.community]).join('|');
}

/** 第九条: complaints of one category at one place recurring within a window open a recurring problem. */
@Injectable()
export class ProblemsService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
  ) {}

  onModuleInit(): void {
    this.work.bus.on('ticket.received', (e, em) => this.sighted(e, em));
  }

  private async sighted(e: DomainEvent<'ticket.received'>, em: EntityManager): Promise<void> {
    const { category, community, building, receivedAt, departmentId } = e.payload;
    const { scope, threshold, windowDays } = this.work.policy.problems;
    const placeKey = problemPlaceKey(e.payload, scope);
    // One round trip (migration LockThenRead): one intake at a time per place, so two concurrent complaints cannot
    // both open the problem; then the sighting, and the open problem of the place or, with none, the place's
    // unassigned sightings in the window.
    const since = new Date(new Date(receivedAt).getTime() - windowDays * 86_400_000);
    const [state]: { open_id: string | null; open_count: number | null; earlier: string[] | null }[] = await em.query(
      `${CACHED_PLAN}SELECT open_id, open_count, earlier FROM problem_sighted($1, $2, $3, $4)`,
      [e.ticketId, placeKey, new Date(receivedAt), since],
    );
    const problems = em.getRepository(RecurringProblem);
    if (state.open_id) {
      const open = { id: state.open_id, ticketCount: state.open_count! };
      await em.getRepository(ProblemSighting).update({ ticketId: e.ticketId! }, { problemId: open.id });
      await problems.update({ id: open.id }, { ticketCount: open.ticketCount + 1 });
      await this.work.bus.publish(em, {
        name: 'problem.grown',
        ticketId: e.ticketId,
        actorId: e.actorId,
        payload: { problemId: open.id, ticketCount: open.ticketCount + 1 },
      });
      return;
    }
    // The statement's own insert is not visible to its reads: this sighting is added here.
    const recent = [...state.earlier!, e.ticketId!];
    if (recent.length < threshold) return;
    const { identifiers } = await problems.insert({
      placeKey,
      category,
      community,
      building: scope === 'building' ? building : null,
      departmentId,
      status: 'open',
      ticketCount: recent.length,
      openedAt: this.work.clock.now(),
      analysis: null,
      measure: null,
      closedById: null,
      closedAt: null,
    });
    const problemId = identifiers[0].id as string;
    await em.getRepository(ProblemSighting).update({ ticketId: In(recent) }, { problemId });
    await this.work.bus.publish(em, {
      name: 'problem.opened',
      ticketId: e.ticketId,
      actorId: e.actorId,
      payload: { problemId, category, community, building: scope === 'building' ? building : null, ticketCount: recent.length },
    });
  }

  /** Managers and admins see every problem; a supervisor their department's, as with tickets. */
  async list(viewer: Principal, status?: 'open' | 'closed'): Promise<ProblemView[]> {
    const scope = this.scope(viewer);
    if (scope === null) return [];
    const rows = await this.db.getRepository(RecurringProblem).find({
      where: { ...(status ? { status } : {}), ...(scope === 'all' ? {} : { departmentId: scope }) },
      order: { openedAt: 'DESC' },
      take: 200,
    });
    return Promise.all(rows.map((p) => this.view(this.db.manager, p, viewer)));
  }

  /** 'all', the one department the viewer's problems belong to, or none. */
  private scope(viewer: Principal): 'all' | string | null {
    if (hasRole(viewer, 'manager', 'admin')) return 'all';
    return viewer.departmentId;
  }

  /** The supervisor's analysis and preventive measure (找出解决办法，防止重复发生), then closing it. */
  analyse(id: string, input: { analysis: string; measure: string; close: boolean }, actor: Principal, idempotency?: IdempotencyScope): Promise<ProblemView> {
    return this.work.uow.run(idempotency, async (em) => {
      const repo = em.getRepository(RecurringProblem);
      const problem = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const scope = this.scope(actor);
      // Another department's problem is 404, before the closed check could tell it exists.
      if (!problem || scope === null || (scope !== 'all' && problem.departmentId !== scope)) throw notFound('recurring problem', id);
      if (problem.status === 'closed') throw ruleViolated(ProblemRuleCode.Closed, 'the problem is already closed');
      const now = this.work.clock.now();
      Object.assign(
        problem,
        { analysis: input.analysis, measure: input.measure },
        input.close ? { status: 'closed', closedAt: now, closedById: actor.id } : {},
      );
      await repo.save(problem);
      if (input.close) await this.work.bus.publish(em, { name: 'problem.closed', ticketId: null, actorId: actor.id, payload: { problemId: id } });
      return this.view(em, problem, actor);
    });
  }

  /** The problem with those of its tickets the viewer may see (a ticket may since have moved elsewhere). */
  private async view(em: EntityManager, p: RecurringProblem, viewer: Principal): Promise<ProblemView> {
    const sightings = await em.getRepository(ProblemSighting).find({ where: { problemId: p.id }, select: { ticketId: true } });
    const tickets = await this.work.tickets.references(
      sightings.map((s) => s.ticketId),
      viewer,
      em,
    );
    return {
      id: p.id,
      category: p.category,
      community: p.community,
      building: p.building,
      departmentId: p.departmentId,
      status: p.status,
      ticketCount: p.ticketCount,
      openedAt: p.openedAt.toISOString(),
      analysis: p.analysis,
      measure: p.measure,
      closedAt: p.closedAt?.toISOString() ?? null,
      tickets,
    };
  }
}
