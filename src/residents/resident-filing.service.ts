import { Inject, Injectable } from '@nestjs/common';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { Clock } from '../clock/clock.js';
import { invalidInput, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { Principal } from '../org/principal.js';
import { PlaceRegister } from '../places/place-register.service.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { CreateTicketDto } from '../tickets/dto/create-ticket.dto.js';
import { normalisePhone } from '../tickets/phone.js';
import { ResidentTold } from '../tickets/resident-told.js';
import { TicketIntake } from '../tickets/ticket-intake.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import type { FileComplaintDto, FilingResultView, ResidentFormView } from './dto/file-complaint.dto.js';
import { ResidentClaims } from './resident-claims.service.js';
import { ResidentConsent } from './resident-consent.entity.js';
import { ResidentThrottle } from './resident-throttle.js';
import { ResidentRuleCode } from './residents.rule-codes.js';
import { TrackingLink } from './tracking-link.entity.js';
import { newTrackingToken, trackingTokenHash } from './tracking-token.js';

/** What the intake records as the resident's request when the form leaves it empty. */
const NO_REQUESTS = '（业主未填写诉求，见投诉内容）';

/**
 * Filing on the residents' page (channel `online`): consent first (个人信息保护法 第十四条), then the same intake
 * as the desk's (TicketIntake), with the online desk's duty clerk as first responder (首问负责制, 第二条), the
 * photos, the consent evidence and the private tracking link, all in one transaction.
 */
@Injectable()
export class ResidentFiling {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly intake: TicketIntake,
    private readonly told: ResidentTold,
    private readonly attachments: AttachmentsService,
    private readonly writer: TicketWriter,
    private readonly directory: StaffDirectory,
    private readonly claims: ResidentClaims,
    private readonly throttle: ResidentThrottle,
    private readonly places: PlaceRegister,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async form(): Promise<ResidentFormView> {
    const p = this.policy.resident;
    return {
      categories: Object.keys(this.policy.categories),
      open: (await this.dutyClerk()) !== null,
      consentText: p.consentText,
      consentVersion: p.consentVersion,
      maxPhotos: p.maxPhotos,
      maxPhotoBytes: p.maxPhotoBytes,
      photoTypes: p.photoTypes,
    };
  }

  async file(dto: FileComplaintDto, address: string): Promise<FilingResultView> {
    const p = this.policy.resident;
    // Nothing of the resident's is processed before their consent: it is checked first.
    if (dto.consent.accepted !== true) {
      throw ruleViolated(ResidentRuleCode.ConsentRequired, 'consent: the resident must agree to the stated processing of their personal information', {
        field: 'consent.accepted',
      });
    }
    if (dto.consent.version !== p.consentVersion) {
      throw ruleViolated(ResidentRuleCode.ConsentVersion, `consent.version: the consent text is now version ${p.consentVersion}; reload the page`, {
        field: 'consent.version',
      });
    }
    const phone = normalisePhone(dto.phone);
    if (!phone) throw invalidInput('phone', 'must be a mainland mobile (13812345678) or a landline with area code (0371-62345678)');
    if (!this.policy.categories[dto.category]) throw invalidInput('category', `unknown category; one of: ${Object.keys(this.policy.categories).join(', ')}`);
    const photos = dto.photos ?? [];
    if (photos.length > p.maxPhotos) {
      throw ruleViolated(ResidentRuleCode.PhotoLimit, `photos: at most ${p.maxPhotos} photos`, { field: 'photos', limit: p.maxPhotos });
    }
    photos.forEach((photo, i) => {
      if (!p.photoTypes.includes(photo.contentType)) throw invalidInput(`photos.${i}.contentType`, `one of ${p.photoTypes.join(', ')}`);
      const size = Buffer.byteLength(photo.contentBase64, 'base64');
      if (size > p.maxPhotoBytes) {
        throw ruleViolated(ResidentRuleCode.PhotoLimit, `photos.${i}: a photo may be at most ${p.maxPhotoBytes} bytes`, {
          field: `photos.${i}.contentBase64`,
          limit: p.maxPhotoBytes,
          size,
        });
      }
    });
    await this.throttle.filing(address, phone);
    const clerk = await this.dutyClerk();
    if (!clerk) throw ruleViolated(ResidentRuleCode.FilingClosed, 'online filing is closed: call or visit the service desk');

    return this.uow.run(async (em) => {
      const now = this.clock.now();
      const description = dto.description.trim();
      // Two taps at once wait for each other here, so the second finds the first and becomes its repeat contact.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', ['resident-filing', `${phone}|${dto.category}`]);
      // 第九条: the same submission again within minutes joins the first as a repeat contact.
      const same = p.duplicateWindowMinutes
        ? await this.told.sameSubmission(em, phone, dto.category, description, new Date(now.getTime() - p.duplicateWindowMinutes * 60_000))
        : null;
      // The place as the register knows it, when the names typed (or picked from the page's suggestions) are
      // registered: 第九条 then counts it with the desk's complaints about the same building.
      const placeId = await this.places.placeNamed(dto.place, em);
      const intake = {
        kind: 'complaint',
        channel: 'online',
        complainant: { name: dto.name.trim(), phone: dto.phone, address: placeId ? { ...dto.place, placeId } : { ...dto.place } },
        summary: description,
        requests: dto.requests?.trim() || NO_REQUESTS,
        category: dto.category,
        severity: 'general',
        disposition: 'accepted',
        // The resident does not see their other open matters: a different description is another matter.
        match: same ? { choice: 'same', reference: same.reference } : { choice: 'new' },
      } as CreateTicketDto;
      const result = await this.intake.receiveIn(em, intake, clerk);
      const ticketId = result.outcome === 'created' ? result.ticket!.id : same!.id;
      await em.getRepository(ResidentConsent).insert({ ticketId, textVersion: p.consentVersion, text: p.consentText, at: now });
      await this.writer.history(em, ticketId, clerk.id, now, {
        action: 'resident_consent',
        after: { textVersion: p.consentVersion, channel: 'online' },
        note: `业主在线提交，已同意个人信息处理（文本版本 ${p.consentVersion}）`,
      });
      if (result.outcome !== 'created') return { outcome: 'repeat_contact', reference: same!.reference, trackingToken: null, trackingPath: null };
      const ticket = result.ticket!;
      await this.claims.open(em, { id: ticketId, reference: ticket.reference, category: ticket.category, departmentId: ticket.department.id }, clerk, now);
      for (const photo of photos) {
        await this.attachments.uploadIn(em, ticketId, { fileName: photo.fileName, contentType: photo.contentType, contentBase64: photo.contentBase64 }, clerk);
      }
      const token = newTrackingToken();
      await em.getRepository(TrackingLink).insert({ ticketId, tokenHash: trackingTokenHash(token), createdAt: now, revokedAt: null, revokedById: null });
      return { outcome: 'created', reference: result.ticket!.reference, trackingToken: token, trackingPath: `/r/#t=${token}` };
    });
  }

  /** 首问负责制 (第二条): the online desk's duty clerk records every online complaint; null when none is set or active. */
  private async dutyClerk(): Promise<Principal | null> {
    const username = this.policy.resident.firstResponder.staffUsername;
    if (!username) return null;
    const account = await this.directory.signInAccount(username.toLowerCase());
    return account ? { id: account.id, username: account.username, name: account.name, roles: account.roles, departmentId: account.departmentId } : null;
  }
}
