import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, ruleViolated } from '../common/errors/domain-error.js';
import { hasRole, type Principal } from '../org/principal.js';
import type { TicketView } from '../tickets/dto/ticket.view.js';
import type { Transition } from '../tickets/ticket.transitions.js';
import { TicketsService, type CommandOptions } from '../tickets/tickets.service.js';
import { TicketWork } from '../tickets/ticket-work.js';
import { ResidentRuleCode } from './residents.rule-codes.js';
import { TicketClaim } from './ticket-claim.entity.js';

/** The ticket page's `claim` section: the window, and who claimed the complaint when. */
export interface ClaimSection {
  claimableUntil: string;
  /** Unclaimed and inside the window, by the service's clock: the page offers 认领 to the department in charge. */
  claimable: boolean;
  dutyClerk: { id: string; name: string };
  claimedBy: { id: string; name: string } | null;
  claimedAt: string | null;
}

/**
 * 首问负责制 (第二条) under `resident.firstResponder.mode: first_claim`: an online complaint is recorded by the online
 * desk's duty clerk, and the first staff member (or supervisor) of the department in charge who claims it within
 * `claimWithinMinutes` becomes its first responder, for good. Unclaimed, the duty clerk stays first responder. The
 * handler is not changed by a claim: routing chose it, and a handoff moves it.
 */
@Injectable()
export class ResidentClaims {
  constructor(
    private readonly work: TicketWork,
    private readonly tickets: TicketsService,
  ) {}

  /**
   * At filing, in the filing's transaction: opens the claim window when policy says first_claim, and tells the
   * department in charge (its staff and supervisors: in-app, and through the channels that route `ticket.claim_opened`).
   */
  async open(
    em: EntityManager,
    ticket: { id: string; reference: string; category: string; departmentId: string },
    dutyClerk: Principal,
    now: Date,
  ): Promise<void> {
    const { mode, claimWithinMinutes } = this.work.policy.resident.firstResponder;
    if (mode !== 'first_claim') return;
    const claimableUntil = new Date(now.getTime() + claimWithinMinutes * 60_000);
    await em.getRepository(TicketClaim).insert({ ticketId: ticket.id, dutyClerkId: dutyClerk.id, claimableUntil, claimedById: null, claimedAt: null });
    await this.work.writer.history(em, ticket.id, dutyClerk.id, now, {
      action: 'claim_opened',
      after: { claimableUntil: claimableUntil.toISOString(), dutyClerkId: dutyClerk.id },
      note: `线上投诉待认领：${claimWithinMinutes}分钟内由责任部门员工认领为首问负责人，无人认领则由网上值班员负责到底`,
    });
    const recipients = (await this.work.directory.membersOf(ticket.departmentId, em)).map((m) => m.id).filter((id) => id !== dutyClerk.id);
    await this.work.bus.publish(em, {
      name: 'ticket.claim_opened',
      ticketId: ticket.id,
      actorId: dutyClerk.id,
      payload: {
        reference: ticket.reference,
        category: ticket.category,
        departmentId: ticket.departmentId,
        claimableUntil: claimableUntil.toISOString(),
        recipients,
      },
    });
  }

  /** POST /tickets/:id/claim: the first claim inside the window wins; a ticket command, so the ticket, its history row and its event commit together. */
  claim(id: string, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    // Visible or 404 first (the department in charge sees its tickets), then the version, then the rules.
    return this.tickets.command(id, actor, options, 'claim', async (em, ticket, now): Promise<Transition<'ticket.first_responder_claimed'>> => {
      const claim = await em.getRepository(TicketClaim).findOne({ where: { ticketId: id }, lock: { mode: 'pessimistic_write' } });
      if (!claim) {
        throw ruleViolated(ResidentRuleCode.NotClaimable, 'only an online complaint filed under resident.firstResponder.mode first_claim is claimed');
      }
      if (claim.claimedById) {
        const by = await this.work.directory.member(claim.claimedById, em);
        throw new DomainError(DomainErrorCode.Conflict, 'the complaint is already claimed; its first responder is fixed', {
          rule: ResidentRuleCode.AlreadyClaimed,
          claimedBy: by ? { id: by.id, name: by.name } : { id: claim.claimedById, name: '' },
          claimedAt: claim.claimedAt!.toISOString(),
        });
      }
      if (now.getTime() > claim.claimableUntil.getTime()) {
        throw ruleViolated(ResidentRuleCode.ClaimWindowClosed, 'the claim window has closed; the online desk’s duty clerk stays first responder', {
          claimableUntil: claim.claimableUntil.toISOString(),
        });
      }
      if (!hasRole(actor, 'staff', 'supervisor') || actor.departmentId !== ticket.departmentId) {
        throw ruleViolated(ResidentRuleCode.ClaimByDepartment, 'a complaint is claimed by staff or a supervisor of the department in charge');
      }
      await em.getRepository(TicketClaim).update({ ticketId: id }, { claimedById: actor.id, claimedAt: now });
      const from = ticket.firstResponderId;
      return {
        changes: { firstResponderId: actor.id, lastActivityAt: now },
        history: [
          {
            action: 'first_responder_claimed',
            before: { firstResponderId: from },
            after: { firstResponderId: actor.id, claimedAt: now.toISOString() },
            note: '责任部门员工认领线上投诉，成为首问负责人（首问负责制）',
          },
        ],
        event: {
          name: 'ticket.first_responder_claimed',
          payload: {
            fromFirstResponderId: from,
            toFirstResponderId: actor.id,
            departmentId: ticket.departmentId,
            claimableUntil: claim.claimableUntil.toISOString(),
          },
        },
      };
    });
  }

  /** The ticket page's `claim` section; null for a ticket filed without a claim window. */
  async section(em: EntityManager, ticketId: string): Promise<ClaimSection | null> {
    const claim = await em.getRepository(TicketClaim).findOne({ where: { ticketId } });
    if (!claim) return null;
    const people = await this.work.directory.people([claim.dutyClerkId, ...(claim.claimedById ? [claim.claimedById] : [])], em);
    const person = (pid: string) => ({ id: pid, name: people.get(pid)?.name ?? '' });
    return {
      claimableUntil: claim.claimableUntil.toISOString(),
      claimable: !claim.claimedById && this.work.clock.now().getTime() <= claim.claimableUntil.getTime(),
      dutyClerk: person(claim.dutyClerkId),
      claimedBy: claim.claimedById ? person(claim.claimedById) : null,
      claimedAt: claim.claimedAt?.toISOString() ?? null,
    };
  }
}
