import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { TrackingLink } from './tracking-link.entity.js';
import { smsTrackingToken, trackingTokenHash } from './tracking-token.js';

/**
 * Tracking links handed out by other modules: the SMS that asks a resident to rate a resolution (回访) links to
 * the residents' page. The link works like one the page gave at filing (revocable, expires after closing), and
 * the same event always yields the same link, so a retried SMS does not leave a second live link behind.
 */
@Injectable()
export class ResidentLinks {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** The page's address for `eventId`'s link to `ticketId`, its hash stored in the caller's transaction; null when `resident.publicUrl` is unset. */
  async forSms(em: EntityManager, ticketId: string, eventId: string, now: Date): Promise<string | null> {
    const base = this.policy.resident.publicUrl;
    if (!base) return null;
    const token = smsTrackingToken(this.config.jwtSecret, eventId);
    // The same row the page writes at filing; a retry of the event finds its hash there already.
    await em
      .getRepository(TrackingLink)
      .createQueryBuilder()
      .insert()
      .values({ ticketId, tokenHash: trackingTokenHash(token), createdAt: now, revokedAt: null, revokedById: null })
      .orIgnore()
      .execute();
    return `${base.replace(/\/+$/, '')}/r/#t=${token}`;
  }
}
