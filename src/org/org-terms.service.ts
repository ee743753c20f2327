import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgTerm } from './org-term.entity.js';

/**
 * Records and answers "who held this post at that moment". Terms are insert-only: a change starts a new
 * term, which ends the one before it, so the latest term started at or before a moment is the one then.
 */
@Injectable()
export class OrgTerms {
  async change(em: EntityManager, kind: OrgTerm['kind'], subjectId: string, holderId: string | null, at: Date): Promise<void> {
    const current = await this.termAt(em, kind, subjectId);
    if (current && current.holderId === holderId) return;
    await em.getRepository(OrgTerm).insert({ kind, subjectId, holderId, startedAt: at });
  }

  /** The holder at `at`, or null when nobody held the post then. */
  async holderAt(em: EntityManager, kind: OrgTerm['kind'], subjectId: string, at: Date): Promise<string | null> {
    return (await this.termAt(em, kind, subjectId, at))?.holderId ?? null;
  }

  /** The term in force at `at` (the latest one when `at` is not given); ties at one instant go to the later row. */
  private termAt(em: EntityManager, kind: OrgTerm['kind'], subjectId: string, at?: Date): Promise<OrgTerm | null> {
    const query = em.getRepository(OrgTerm).createQueryBuilder('t').where('t.kind = :kind AND t.subject_id = :subjectId', { kind, subjectId });
    if (at) query.andWhere('t.started_at <= :at', { at });
    return query.orderBy('t.started_at', 'DESC').addOrderBy('t.id', 'DESC').getOne();
  }
}
