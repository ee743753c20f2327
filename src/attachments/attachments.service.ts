import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { AttachmentType, Policy } from '../config/policy.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { EventBus } from '../events/event-bus.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { maskPhonesInText } from '../tickets/resident-data.js';
import { seesResidentData } from '../tickets/ticket-access.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store.js';
import { Attachment } from './attachment.entity.js';
import { AttachmentRuleCode } from './attachment.rule-codes.js';
import type { AttachmentListView, AttachmentView } from './attachment.view.js';
import { detectType } from './file-type.js';

export interface UploadInput {
  fileName: string;
  contentType: AttachmentType;
  contentBase64: string;
  replyId?: string;
  followUpId?: string;
}

/** What a download sends: the file's facts and its bytes (the audit row is committed by then). */
export interface Download {
  attachment: Attachment;
  content: Buffer;
}

/**
 * 第一篇 二.3 (阅看来访人提交的相关材料): the photos and documents a resident hands in, on a ticket, a reply or a
 * follow-up. Whoever may see the ticket sees them; HR, who sees residents' data masked, sees their facts only
 * (policy `attachments.hrSeesContent`). Every upload and every download is a row of the ticket's history.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly work: IdempotentWork,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly tickets: TicketsQuery,
    private readonly writer: TicketWriter,
    private readonly followUps: FollowUpsService,
    private readonly directory: StaffDirectory,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  upload(ticketId: string, input: UploadInput, actor: Principal, idempotency?: IdempotencyScope): Promise<AttachmentView> {
    return this.work.run(idempotency, (em) => this.uploadIn(em, ticketId, input, actor));
  }

  /** An upload inside the caller's transaction: the residents' page files its photos with the ticket, all or nothing. */
  async uploadIn(em: EntityManager, ticketId: string, input: UploadInput, actor: Principal): Promise<AttachmentView> {
    {
      // The ticket row is locked: two uploads at once cannot both take the last free place.
      const ticket = await this.writer.load(em, ticketId, actor, undefined);
      const limits = this.policy.attachments;
      const content = Buffer.from(input.contentBase64, 'base64');
      if (!content.length) throw invalidInput('contentBase64', 'the file is empty');
      if (content.length > limits.maxBytes) {
        throw ruleViolated(AttachmentRuleCode.MaxBytes, `the file is ${content.length} bytes; a file may be at most ${limits.maxBytes} bytes`, {
          limit: limits.maxBytes,
          size: content.length,
        });
      }
      const detected = detectType(content);
      if (!detected || !limits.allowedTypes.includes(detected)) {
        throw ruleViolated(
          AttachmentRuleCode.TypeNotAllowed,
          `the content is ${detected ?? 'of no accepted type'}; accepted are ${limits.allowedTypes.join(', ')}, recognised by their content`,
          { allowed: limits.allowedTypes, detected: detected ?? null },
        );
      }
      if (detected !== input.contentType) {
        throw ruleViolated(AttachmentRuleCode.TypeMismatch, `the file is declared ${input.contentType} but its content is ${detected}`, {
          declared: input.contentType,
          detected,
        });
      }
      const held = await em.getRepository(Attachment).count({ where: { ticketId } });
      if (held >= limits.maxFilesPerTicket) {
        throw ruleViolated(AttachmentRuleCode.MaxFiles, `the ticket already holds ${held} files; a ticket may hold at most ${limits.maxFilesPerTicket}`, {
          limit: limits.maxFilesPerTicket,
          held,
        });
      }
      if (input.replyId && !(await this.tickets.isReplyOf(em, ticketId, input.replyId))) throw notFound('reply', input.replyId);
      if (input.followUpId && !(await this.followUps.isFollowUpOf(em, ticketId, input.followUpId))) throw notFound('follow-up', input.followUpId);

      const now = this.clock.now();
      const sha256 = createHash('sha256').update(content).digest('hex');
      await this.store.put(em, sha256, content, now);
      const row = await em.getRepository(Attachment).save(
        em.getRepository(Attachment).create({
          ticketId,
          replyId: input.replyId ?? null,
          followUpId: input.followUpId ?? null,
          fileName: input.fileName,
          contentType: detected,
          size: content.length,
          sha256,
          store: this.store.kind,
          uploadedById: actor.id,
          uploadedAt: now,
        }),
      );
      await this.writer.history(em, ticketId, actor.id, now, {
        action: 'attachment_added',
        after: { attachmentId: row.id, fileName: row.fileName, contentType: row.contentType, size: row.size, replyId: row.replyId, followUpId: row.followUpId },
        note: `上传材料：${row.fileName}`,
      });
      await this.bus.publish(em, {
        name: 'attachment.added',
        ticketId,
        actorId: actor.id,
        payload: { attachmentId: row.id, contentType: row.contentType, size: row.size, replyId: row.replyId, followUpId: row.followUpId },
      });
      return (await this.views(em, ticket, [row], actor))[0];
    }
  }

  async list(ticketId: string, viewer: Principal): Promise<AttachmentListView> {
    return this.uow.run(async (em) => {
      const ticket = await this.tickets.visible(em, ticketId, viewer);
      // The facts only: the bytes are in another table (or the bucket), never read by a list.
      const rows = await em.getRepository(Attachment).find({ where: { ticketId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
      const { maxFilesPerTicket, maxBytes, allowedTypes } = this.policy.attachments;
      return { items: await this.views(em, ticket, rows, viewer), maxFiles: maxFilesPerTicket, maxBytes, allowedTypes };
    });
  }

  /**
   * The file, once its download is a committed row of the ticket's history (who, when, which file): a
   * download that cannot be recorded is not served. An attachment of another ticket is 404, like a ticket
   * the caller may not see.
   */
  download(ticketId: string, attachmentId: string, viewer: Principal): Promise<Download> {
    return this.uow.run(async (em) => {
      const ticket = await this.tickets.visible(em, ticketId, viewer);
      const attachment = await em.getRepository(Attachment).findOne({ where: { id: attachmentId, ticketId } });
      if (!attachment) throw notFound('attachment', attachmentId);
      if (!this.seesContent(viewer, ticket)) {
        throw new DomainError(DomainErrorCode.Forbidden, 'residents’ data is masked for you on this ticket: you may see the file’s facts, not its content', {
          rule: AttachmentRuleCode.ContentMasked,
        });
      }
      const content = await this.store.get(em, attachment.sha256);
      await this.writer.history(em, ticketId, viewer.id, this.clock.now(), {
        action: 'attachment_downloaded',
        after: { attachmentId: attachment.id, fileName: attachment.fileName },
        note: `下载材料：${attachment.fileName}`,
      });
      return { attachment, content };
    });
  }

  /** HR sees residents' data masked (DESIGN: who may see what): the photos and letters too, unless policy says otherwise. */
  private seesContent(viewer: Principal, ticket: Ticket): boolean {
    return seesResidentData(viewer, ticket) || this.policy.attachments.hrSeesContent;
  }

  private async views(em: EntityManager, ticket: Ticket, rows: Attachment[], viewer: Principal): Promise<AttachmentView[]> {
    const people = await this.directory.people(
      rows.map((r) => r.uploadedById),
      em,
    );
    const clear = seesResidentData(viewer, ticket);
    const contentVisible = this.seesContent(viewer, ticket);
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticketId,
      replyId: r.replyId,
      followUpId: r.followUpId,
      fileName: clear ? r.fileName : maskPhonesInText(r.fileName),
      contentType: r.contentType,
      size: r.size,
      sha256: r.sha256,
      uploadedBy: people.get(r.uploadedById) ?? { id: r.uploadedById, name: '' },
      uploadedAt: new Date(r.uploadedAt).toISOString(),
      contentVisible,
    }));
  }
}
