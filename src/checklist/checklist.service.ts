import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, invalidInput, ruleViolated } from '../common/errors/domain-error.js';
import { EventBus } from '../events/event-bus.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { CHECKLIST_ITEMS, ChecklistTick, ITEM_NAMES, TicketRequirement, type ChecklistItem } from './checklist.entity.js';
import type { ChecklistView } from './checklist.view.js';
import { TicketRuleCode } from '../tickets/ticket.rule-codes.js';
import { ChecklistRuleCode } from './checklist.rule-codes.js';

/** How an item ticked by the system says where its evidence came from. */
const AUTO_SOURCE_ZH: Record<string, string> = { final_reply: '最终答复', resolution: '处理结果', leader_report: '向公司领导的书面报告' };

/** The five clears and one report (第七条) and the flows' closing conditions (第八条, 第二条). */
@Injectable()
export class ChecklistService {
  constructor(
    private readonly uow: IdempotentWork,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly tickets: TicketsQuery,
    private readonly history: TicketWriter,
    private readonly directory: StaffDirectory,
  ) {}

  /** A manual tick: the note is the evidence. */
  tick(ticketId: string, rawItem: string, note: string, actor: Principal, idempotency?: IdempotencyScope): Promise<ChecklistView> {
    if (!(CHECKLIST_ITEMS as readonly string[]).includes(rawItem)) throw invalidInput('item', `must be one of ${CHECKLIST_ITEMS.join(', ')}`);
    const item = rawItem as ChecklistItem;
    return this.uow.run(idempotency, async (em) => {
      const ticket = await this.tickets.visible(em, ticketId, actor);
      if (!hasRole(actor, 'staff', 'supervisor', 'manager', 'admin'))
        throw new DomainError(DomainErrorCode.Forbidden, 'your role may not tick checklist items');
      if (ticket.status === 'closed') throw ruleViolated(TicketRuleCode.Closed, 'a closed ticket’s checklist is final');
      const requirement = await em.getRepository(TicketRequirement).findOne({ where: { ticketId } });
      if (!requirement?.items.includes(item)) {
        throw ruleViolated(ChecklistRuleCode.ItemNotRequired, `${ITEM_NAMES[item]} (${item}) is not on this ticket’s checklist`, { item });
      }
      const ticked = await this.record(em, ticketId, item, note, actor.id, 'manual');
      if (!ticked) throw new DomainError(DomainErrorCode.Duplicate, `${ITEM_NAMES[item]} (${item}) is already ticked`, { item });
      return this.view(em, ticketId);
    });
  }

  /** Ticks an item if required and still open; returns false when there was nothing to tick. */
  async record(em: EntityManager, ticketId: string, item: ChecklistItem, note: string, actorId: string | null, source: string): Promise<boolean> {
    const requirement = await em.getRepository(TicketRequirement).findOne({ where: { ticketId } });
    if (!requirement?.items.includes(item)) return false;
    const now = this.clock.now();
    const rows = await em.query(
      `INSERT INTO checklist_tick (ticket_id, item, ticked_by_id, ticked_at, note, source) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING item`,
      [ticketId, item, actorId, now, note, source],
    );
    if (!rows.length) return false;
    await this.history.history(em, ticketId, actorId, now, {
      action: 'checklist_ticked',
      after: { item, source },
      note: source === 'manual' ? note : `${ITEM_NAMES[item]}：由${AUTO_SOURCE_ZH[source] ?? '处理结果'}自动勾选 — ${note}`,
    });
    await this.bus.publish(em, { name: 'checklist.ticked', ticketId, actorId, payload: { item, source } });
    return true;
  }

  /**
   * 听清楚/问清楚 confirmed while the complaint was recorded: the ticks, with the intake record as their evidence. Runs
   * inside intake before the ticket row is numbered, so the history rows are the intake's own (after 受理, in order).
   */
  async recordAtIntake(em: EntityManager, ticketId: string, items: readonly ChecklistItem[], actorId: string | null): Promise<void> {
    const now = this.clock.now();
    await em.query(
      `INSERT INTO checklist_tick (ticket_id, item, ticked_by_id, ticked_at, note, source)
       SELECT $1, item, $3, $4, '受理时由首问负责人确认，依据本单受理记录', 'intake' FROM unnest($2::text[]) AS item ON CONFLICT DO NOTHING`,
      [ticketId, items, actorId, now],
    );
    await this.bus.publishMany(
      em,
      items.map((item) => ({ name: 'checklist.ticked' as const, ticketId, actorId, payload: { item, source: 'intake' } })),
    );
  }

  async missing(em: EntityManager, ticketId: string): Promise<string[]> {
    const requirement = await em.getRepository(TicketRequirement).findOne({ where: { ticketId } });
    if (!requirement) return [];
    const ticks = await em.getRepository(ChecklistTick).find({ where: { ticketId } });
    const done = new Set(ticks.map((t) => t.item));
    const missing = requirement.items.filter((i) => !done.has(i)).map((i) => `checklist.${i}`);
    if (requirement.needsPromise && !requirement.promisedAt) missing.push('promised_reply_time');
    if (requirement.needsWrittenAnswer && !requirement.writtenAnswerAt) missing.push('written_answer');
    if (requirement.needsFollowUp && !requirement.followedUpAt) missing.push('follow_up');
    return missing;
  }

  async view(em: EntityManager, ticketId: string): Promise<ChecklistView> {
    const requirement = await em.getRepository(TicketRequirement).findOne({ where: { ticketId } });
    const ticks = await em.getRepository(ChecklistTick).find({ where: { ticketId } });
    const people = await this.directory.people(
      ticks.map((t) => t.tickedById),
      em,
    );
    const byItem = new Map(ticks.map((t) => [t.item, t]));
    return {
      items: (requirement?.items ?? []).map((item) => {
        const t = byItem.get(item);
        return {
          item,
          name: ITEM_NAMES[item],
          ticked: t ? { by: (t.tickedById && people.get(t.tickedById)) || null, at: t.tickedAt.toISOString(), note: t.note, source: t.source } : null,
        };
      }),
      requirements: {
        promisedReplyTime: requirement?.needsPromise ?? false,
        writtenAnswer: requirement?.needsWrittenAnswer ?? false,
        followUp: requirement?.needsFollowUp ?? false,
      },
      missing: await this.missing(em, ticketId),
    };
  }
}
