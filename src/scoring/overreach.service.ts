import { Injectable } from '@nestjs/common';
import type { TicketWork } from '../tickets/ticket-work.js';
import { ComplaintDecisions } from './complaint-decisions.js';
import type { Principal } from '../org/principal.js';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { fenToYuan } from './money.js';
import { overreachCharges } from './overreach-charges.js';
import { DisciplinaryCase, DisciplinaryOutcomeRecord, Overreach } from './overreach.entity.js';
import type { Attribution, DisciplinaryOutcome, OverreachLevel, VenueKind } from './scoring.types.js';
import type { DisciplinaryDecisionView, OverreachView } from './dto/scoring.view.js';
import { toEntryView } from './scoring.views.js';
import { businessDay } from '../config/statistical-month.js';
import { ScoringRuleCode } from './scoring.rule-codes.js';

export interface OverreachInput {
  level: OverreachLevel;
  venueKind: VenueKind;
  venueName: string;
  occurredAt: string;
  attribution: Attribution;
  economicLossFen?: number;
  note?: string;
}

const LEVEL_ZH: Record<OverreachLevel, string> = { company: '越级至公司领导', county: '越级至县级', city: '越级至市级及以上' };

/** 越级投诉 (第十条): registration by a supervisor or manager, charged per the table and DESIGN decision 4. */
@Injectable()
export class OverreachService {
  constructor(private readonly decisions: ComplaintDecisions) {}

  private get work(): TicketWork {
    return this.decisions.work;
  }

  register(ticketId: string, input: OverreachInput, actor: Principal, idempotency?: IdempotencyScope): Promise<OverreachView> {
    const refusal = { rule: ScoringRuleCode.OverreachComplaintsOnly, what: 'an overreach is registered' };
    return this.decisions.onComplaint(ticketId, actor, idempotency, refusal, async (em, ticket, now) => {
      const occurredAt = new Date(input.occurredAt);
      if (occurredAt > now) throw invalidInput('occurredAt', 'must not be in the future');
      if ((input.level === 'company') !== (input.venueKind === 'company_leader')) {
        throw ruleViolated(
          ScoringRuleCode.OverreachVenueMatchesLevel,
          'a company-level overreach goes to company leaders; county and city levels go to a website, authority or media',
          { level: input.level, venueKind: input.venueKind },
        );
      }
      // DESIGN decision 5: a resident who went to an authority before contacting us is a referral, not an overreach.
      if (occurredAt < ticket.receivedAt) {
        throw ruleViolated(
          ScoringRuleCode.OverreachAfterContact,
          'an overreach happens after the complaint reached the company; before that it is a referral intake',
          { receivedAt: ticket.receivedAt.toISOString() },
        );
      }
      const who = await this.decisions.responsibility.forOverreach(em, ticket, occurredAt);
      const day = businessDay(occurredAt, this.work.policy.company.timeZone);
      const lossFen = input.economicLossFen ?? 0;
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(Overreach)
        .values({
          ticketId,
          level: input.level,
          venueKind: input.venueKind,
          venueName: input.venueName,
          occurredAt,
          day,
          attribution: input.attribution,
          economicLossFen: lossFen,
          responsibleId: who.personId,
          responsibleDepartmentId: who.departmentId,
          supervisorId: who.supervisorId,
          basis: who.basis,
          breachId: who.breachId,
          note: input.note ?? null,
          registeredById: actor.id,
          registeredAt: now,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) {
        const existing = await em.getRepository(Overreach).findOne({ where: { ticketId, level: input.level, day } });
        throw new DomainError(DomainErrorCode.Duplicate, `this ${input.level}-level overreach of ${day} is already registered; it is charged once`, {
          rule: ScoringRuleCode.OverreachOncePerTicketLevelDay,
          overreachId: existing?.id,
        });
      }
      const charges = overreachCharges(
        this.work.policy.penalties.overreach,
        {
          level: input.level,
          attribution: input.attribution,
          economicLossFen: lossFen,
          responsibleId: who.personId,
          supervisorId: who.supervisorId,
        },
        this.work.policy.penalties.chargeOnce,
      );
      const departments = new Map<string, string | null>([[who.personId, who.departmentId]]);
      if (who.supervisorId && !departments.has(who.supervisorId)) departments.set(who.supervisorId, who.departmentId);
      const entries = await this.decisions.ledger.post(em, charges, {
        ticketId,
        sourceKind: 'overreach',
        sourceId: id,
        occurredAt,
        recordedById: actor.id,
        recordedAt: now,
        departments,
      });
      const supervisorEntry = entries.find((e) => e.role === 'supervisor' && e.sanction === 'disciplinary');
      let caseId: string | null = null;
      if (supervisorEntry) {
        const { identifiers } = await em.getRepository(DisciplinaryCase).insert({
          overreachId: id,
          entryId: supervisorEntry.id,
          employeeId: supervisorEntry.employeeId,
          ticketId,
          openedAt: now,
        });
        caseId = identifiers[0].id as string;
      }
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'overreach_registered',
        after: {
          overreachId: id,
          level: input.level,
          venueKind: input.venueKind,
          venueName: input.venueName,
          occurredAt: occurredAt.toISOString(),
          attribution: input.attribution,
          responsibleId: who.personId,
          supervisorId: who.supervisorId,
          charged: entries.map((e) => ({ employeeId: e.employeeId, points: e.points, amountFen: e.amountFen, sanction: e.sanction })),
        },
        note: `${LEVEL_ZH[input.level]}：${input.venueName}`,
      });
      await this.work.bus.publish(em, {
        name: 'scoring.overreach_registered',
        ticketId,
        actorId: actor.id,
        payload: {
          overreachId: id,
          level: input.level,
          attribution: input.attribution,
          occurredAt: occurredAt.toISOString(),
          entryIds: entries.map((e) => e.id),
        },
      });
      const people = await this.work.directory.people([who.personId, who.supervisorId], em);
      return {
        id,
        ticketId,
        level: input.level,
        venue: { kind: input.venueKind, name: input.venueName },
        occurredAt: occurredAt.toISOString(),
        day,
        attribution: input.attribution,
        economicLossFen: lossFen,
        economicLossYuan: fenToYuan(lossFen),
        responsible: { id: who.personId, name: people.get(who.personId)?.name ?? '(unknown)', departmentId: who.departmentId },
        supervisor: who.supervisorId ? { id: who.supervisorId, name: people.get(who.supervisorId)?.name ?? '(unknown)' } : null,
        basis: who.basis,
        breachId: who.breachId,
        charges: entries.map(toEntryView),
        disciplinaryCaseId: caseId,
      };
    });
  }

  /** 第十条(三): HR records the outcome of the supervisor's disciplinary case, once: the outcome's key is the case. */
  decide(
    caseId: string,
    input: { outcome: DisciplinaryOutcome; note?: string },
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<DisciplinaryDecisionView> {
    return this.work.uow.run(idempotency, async (em) => {
      const found = await em.getRepository(DisciplinaryCase).findOne({ where: { id: caseId } });
      if (!found) throw notFound('disciplinary case', caseId);
      const now = this.work.clock.now();
      // Two decisions at once: the second waits for the first and then inserts nothing.
      const recorded = await em
        .createQueryBuilder()
        .insert()
        .into(DisciplinaryOutcomeRecord)
        .values({ caseId, outcome: input.outcome, note: input.note ?? null, decidedById: actor.id, decidedAt: now })
        .orIgnore()
        .returning(['caseId'])
        .execute();
      if (!recorded.raw.length) {
        const earlier = await em.getRepository(DisciplinaryOutcomeRecord).findOneOrFail({ where: { caseId } });
        throw new DomainError(DomainErrorCode.Duplicate, 'the outcome of this case is already recorded', {
          rule: ScoringRuleCode.DisciplinaryDecideOnce,
          outcome: earlier.outcome,
        });
      }
      await this.work.writer.history(em, found.ticketId, actor.id, now, {
        action: 'disciplinary_decided',
        after: { caseId, employeeId: found.employeeId, outcome: input.outcome },
        note: input.note ?? null,
      });
      await this.work.bus.publish(em, {
        name: 'scoring.disciplinary_decided',
        ticketId: found.ticketId,
        actorId: actor.id,
        payload: { caseId, employeeId: found.employeeId, outcome: input.outcome },
      });
      return {
        id: caseId,
        overreachId: found.overreachId,
        employeeId: found.employeeId,
        ticketId: found.ticketId,
        outcome: input.outcome,
        note: input.note ?? null,
        decidedAt: now.toISOString(),
      };
    });
  }
}
