import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import type { RuleCode } from '../common/errors/rule-codes.js';
import type { Principal } from '../org/principal.js';
import { canSee, seesAll, seesResidentData, visibilitySql } from './ticket-access.js';
import { Ticket } from './ticket.entity.js';

/**
 * A way to see a ticket beyond its own people and department (ticket-access.ts), registered by the module
 * that grants it (联合办理: a co-department while its task is open and for a while after). SQL on the ticket
 * table's `alias`, with the viewer as `:viewerId`/`:viewerDept` and the extension's own params.
 */
export interface VisibilityExtension {
  sees(alias: string): string;
  /** Whose job needs the resident's name and number through this way (个人信息保护法: the minimum a job needs). */
  needsResidentData(alias: string): string;
  params(now: Date): Record<string, unknown>;
  /** The refusal when someone who sees the ticket only this way acts on it as its own department would. */
  refusal: { rule: RuleCode; message: string };
}

const NO_DEPT = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class TicketVisibility {
  private readonly extensions = new Map<string, VisibilityExtension>();

  constructor(private readonly clock: Clock) {}

  register(name: string, extension: VisibilityExtension): void {
    if (this.extensions.has(name)) throw new Error(`visibility extension ${name} registered twice`);
    this.extensions.set(name, extension);
  }

  private viewerParams(viewer: Principal, now: Date): Record<string, unknown> {
    let params: Record<string, unknown> = { viewerId: viewer.id, viewerDept: viewer.departmentId ?? NO_DEPT };
    for (const ext of this.extensions.values()) params = { ...params, ...ext.params(now) };
    return params;
  }

  /** How the viewer sees the ticket: as its own ('own'), through an extension, or not at all (null). */
  async access(
    em: EntityManager,
    viewer: Principal,
    ticket: Pick<Ticket, 'id' | 'firstResponderId' | 'handlerId' | 'departmentId'>,
  ): Promise<'own' | VisibilityExtension | null> {
    if (canSee(viewer, ticket)) return 'own';
    if (!viewer.roles.length) return null;
    const params = this.viewerParams(viewer, this.clock.now());
    for (const ext of this.extensions.values()) {
      const hit = await em
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .where('t.id = :ticketId', { ticketId: ticket.id })
        .andWhere(ext.sees('t'), params)
        .getExists();
      if (hit) return ext;
    }
    return null;
  }

  /** Whether the viewer's job needs the resident's data: the ticket's own people, or a registered part of it (a co-department's task handler). */
  async seesResidentData(
    em: EntityManager,
    viewer: Principal,
    ticket: Pick<Ticket, 'id' | 'firstResponderId' | 'handlerId' | 'departmentId'>,
  ): Promise<boolean> {
    if (seesResidentData(viewer, ticket)) return true;
    if (seesAll(viewer)) return false;
    const params = this.viewerParams(viewer, this.clock.now());
    for (const ext of this.extensions.values()) {
      const hit = await em
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .where('t.id = :ticketId', { ticketId: ticket.id })
        .andWhere(`(${ext.sees('t')}) AND (${ext.needsResidentData('t')})`, params)
        .getExists();
      if (hit) return true;
    }
    return false;
  }

  /** The list filter: the rule of ticket-access.ts or any registered way. */
  sql(viewer: Principal, alias = 't'): { sql: string; params: Record<string, unknown> } {
    const base = visibilitySql(viewer, alias);
    if (seesAll(viewer) || !this.extensions.size) return base;
    const extra = [...this.extensions.values()].map((ext) => `(${ext.sees(alias)})`);
    return { sql: `(${base.sql} OR ${extra.join(' OR ')})`, params: { ...base.params, ...this.viewerParams(viewer, this.clock.now()) } };
  }
}
