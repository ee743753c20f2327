import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { OrgTerm } from './org-term.entity.js';

/** Records and answers "who held this post at that moment". */
@Injectable()
export class OrgTerms {
  async change(em: EntityManager, kind: OrgTerm['kind'], subjectId: string, holderId: string | null, at: Date): Promise<void> {
    const repo = em.getRepository(OrgTerm);
    const current = await repo.findOne({ where: { kind, subjectId, endedAt: IsNull() } });
    if (current && current.holderId === holderId) return;
    if (current) await repo.update({ id: current.id }, { endedAt: at });
    await repo.insert({ kind, subjectId, holderId, startedAt: at, endedAt: null });
  }

  /** The holder at `at`, or null when nobody held the post then. */
  async holderAt(em: EntityManager, kind: OrgTerm['kind'], subjectId: string, at: Date): Promise<string | null> {
    const term = await em
      .getRepository(OrgTerm)
      .createQueryBuilder('t')
      .where('t.kind = :kind AND t.subject_id = :subjectId AND t.started_at <= :at AND (t.ended_at IS NULL OR t.ended_at > :at)', { kind, subjectId, at })
      .orderBy('t.started_at', 'DESC')
      .getOne();
    return term?.holderId ?? null;
  }
}
