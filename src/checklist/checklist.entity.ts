import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 第七条 五清楚、一报告 */
export const CHECKLIST_ITEMS = ['listen', 'ask', 'follow', 'reply', 'record', 'report'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export const ITEM_NAMES: Record<ChecklistItem, string> = {
  listen: '听清楚',
  ask: '问清楚',
  follow: '跟清楚',
  reply: '复清楚',
  record: '记清楚',
  report: '报告',
};

/**
 * What one ticket must have before it closes (第七条, 第八条, 第二条): the checklist items, and for the
 * flows a promised reply time, a written answer, the follow-up visit. Kept current from ticket events.
 */
@Entity('ticket_requirement')
export class TicketRequirement {
  @PrimaryColumn('uuid') ticketId!: string;
  @Column({ type: 'text', array: true }) items!: ChecklistItem[];
  /** 第八条(二): a major complaint needs a promised reply time. */
  @Column({ type: 'boolean', default: false }) needsPromise!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) promisedAt!: Date | null;
  /** 第八条(三) written complaints, and referred-out ones whose resident asked for it: a written answer. */
  @Column({ type: 'boolean', default: false }) needsWrittenAnswer!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) writtenAnswerAt!: Date | null;
  /** 第二条: 处理完毕立即对业主进行回访. */
  @Column({ type: 'boolean', default: true }) needsFollowUp!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) followedUpAt!: Date | null;
}

/** A ticked item: who, when and the evidence. */
@Entity('checklist_tick')
export class ChecklistTick {
  @PrimaryColumn('uuid') ticketId!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) item!: ChecklistItem;
  /** null when the system ticked it from an action's content. */
  @Column({ type: 'uuid', nullable: true }) tickedById!: string | null;
  @Column({ type: 'timestamptz' }) tickedAt!: Date;
  @Column({ type: 'text' }) note!: string;
  /** `manual`, or the action whose content is the evidence (`final_reply`, `resolution`). */
  @Column({ type: 'varchar', length: 20 }) source!: string;
}
