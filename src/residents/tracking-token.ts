import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 256 random bits, base64url (43 characters): unguessable, and short enough for an SMS link. */
export function newTrackingToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The shape of a token: anything else is answered like an unknown token, without a database read. */
export const TRACKING_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** What is stored: the token's SHA-256 (a copy of the table opens no page). */
export function trackingTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The token of the rating link an SMS carries (一键回访 by SMS): derived from the signing secret and the event
 * that asked for it, so a retried or restarted delivery sends the same link while the database keeps only its
 * hash, like every other tracking token. Without the secret a copy of the tables opens no page.
 */
export function smsTrackingToken(secret: string, eventId: string): string {
  return createHmac('sha256', secret).update(`resident-sms-link:${eventId}`).digest('base64url');
}
