import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { metricsRegistry } from '../common/metrics.js';
import { maskPhoneNumbers } from '../common/phone-mask.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, POLICY } from '../config/config.module.js';
import type { ChannelEndpoint, Policy } from '../config/policy.js';
import { dueTimeFormatter } from '../common/business-time.js';
import { ResidentLinks } from '../residents/resident-links.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import type { ChannelMessage } from './channel-messages.js';
import { SENDERS, type EndpointSecrets, type SendResult } from './channel-senders.js';

const attempts = new Counter({
  name: 'complaint_desk_channel_attempts_total',
  help: 'Attempts to send a notice through an outgoing channel endpoint, by result',
  labelNames: ['endpoint', 'channel', 'result'] as const,
  registers: [metricsRegistry],
});
const deadLetters = new Counter({
  name: 'complaint_desk_channel_dead_letters_total',
  help: 'Channel deliveries given up after the policy’s attempts',
  labelNames: ['endpoint', 'channel'] as const,
  registers: [metricsRegistry],
});
const latency = new Histogram({
  name: 'complaint_desk_channel_latency_seconds',
  help: 'Time an outgoing channel endpoint took to answer',
  labelNames: ['endpoint', 'channel'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

interface DueRow {
  id: string;
  event_id: string;
  event_name: string;
  ticket_id: string | null;
  endpoint: string;
  attempts: number;
  message: ChannelMessage;
}

/** Reads each endpoint's secrets from the environment variables its policy names; a missing one stops start-up, naming the variable. */
export function endpointSecrets(policy: Policy, env: NodeJS.ProcessEnv = process.env): Map<string, EndpointSecrets> {
  const problems: string[] = [];
  const secrets = new Map<string, EndpointSecrets>();
  for (const endpoint of policy.channels.endpoints) {
    const read = (name: string | undefined) => {
      if (!name) return undefined;
      const value = env[name];
      if (!value) problems.push(`${name}: must be set for channel endpoint "${endpoint.name}" (${endpoint.kind})`);
      return value;
    };
    secrets.set(endpoint.name, { secret: read(endpoint.secretEnv), key: read(endpoint.keyEnv) });
  }
  if (problems.length) throw new Error(`Refusing to start: environment is invalid: - ${problems.join(' - ')}`);
  return secrets;
}

/** Backoff before retry n (1-based): first × 2^(n-1), at most max. */
export const channelRetryDelayMs = (policy: Policy, attempt: number) =>
  Math.min(policy.channels.retry.firstDelaySeconds * 2 ** (attempt - 1), policy.channels.retry.maxDelaySeconds) * 1000;

/**
 * The channel sweep: sends every delivery due on the injected clock, one at a time under a row lock
 * (SKIP LOCKED: several instances may run it), records the attempt, and retries with backoff or
 * dead-letters after the policy's attempts. Runs apart from the outbox, so a slow endpoint delays nothing else.
 */
@Injectable()
export class ChannelSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ChannelSender.name);
  private readonly endpoints: Map<string, ChannelEndpoint>;
  private readonly secrets: Map<string, EndpointSecrets>;
  private readonly due: (d: Date) => string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly writer: TicketWriter,
    private readonly links: ResidentLinks,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.endpoints = new Map(policy.channels.endpoints.map((e) => [e.name, e]));
    this.secrets = endpointSecrets(policy);
    this.due = dueTimeFormatter(policy.company.timeZone);
  }

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled || !this.endpoints.size) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sendDue()
        .catch((error) => {
          this.logger.warn({ err: error }, 'channel sweep failed; deliveries stay pending and are retried');
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, 5000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Sends everything due now; returns how many attempts were made. */
  async sendDue(): Promise<number> {
    let n = 0;
    while (!this.stopped && (await this.sendOne())) n++;
    return n;
  }

  private sendOne(): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const [row]: DueRow[] = await em.query(
        `SELECT id, event_id, event_name, ticket_id, endpoint, attempts, message FROM channel_delivery
          WHERE status = 'pending' AND next_attempt_at <= $1 AND endpoint = ANY($2::text[])
          ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now, [...this.endpoints.keys()]],
      );
      if (!row) return false;
      const endpoint = this.endpoints.get(row.endpoint)!;
      const attempt = row.attempts + 1;
      let target = new URL(endpoint.url).host;
      let result: SendResult;
      let phone: string | undefined;
      let sms: { templateId: string; params: string[]; told: string } | undefined;
      if (endpoint.kind === 'sms') {
        // The resident's contact number, read where it is kept; it goes to the provider and nowhere else.
        const [ticket]: { complainant_phone: string; status: string }[] = await em.query('SELECT complainant_phone, status FROM ticket WHERE id = $1', [
          row.ticket_id,
        ]);
        phone = ticket?.complainant_phone;
        target = phone ? maskPhoneNumbers(phone) : '(none)';
        const reference = row.message.reference ?? '';
        if (row.event_name === 'ticket.resolved') {
          // 回访: a rating link is only worth sending while the resolution stands (held by quiet hours, it may have been reopened or closed since).
          if (ticket?.status !== 'resolved') {
            await em.query(`UPDATE channel_delivery SET status = 'skipped', last_error = $2 WHERE id = $1`, [
              row.id,
              `ticket is ${ticket?.status ?? 'gone'}, not resolved`,
            ]);
            return true;
          }
          const link = await this.links.forSms(em, row.ticket_id!, row.event_id, now);
          // The history says a link was sent, never the link itself: it opens the resident's tracking page.
          const told = this.policy.channels.ratingSms.replace('{reference}', reference).replace('{link}', '（评价链接）');
          sms = { templateId: endpoint.smsRatingTemplateId!, params: [reference, link ?? ''], told };
        } else {
          const replyBy = typeof row.message.data.replyBy === 'string' ? this.due(new Date(row.message.data.replyBy)) : '';
          const told = this.policy.channels.promisedSms.replace('{reference}', reference).replace('{replyBy}', replyBy);
          sms = { templateId: endpoint.smsTemplateId!, params: [reference, replyBy], told };
        }
      }
      const started = performance.now();
      if (endpoint.kind === 'sms' && !phone) result = { ok: false, httpStatus: null, error: 'no contact phone on the ticket' };
      else
        result = await SENDERS[endpoint.kind]({
          endpoint,
          secrets: this.secrets.get(endpoint.name)!,
          eventId: row.event_id,
          eventName: row.event_name,
          attempt,
          message: row.message,
          phone,
          sms: sms && { templateId: sms.templateId, params: sms.params },
          now,
          timeoutMs: this.policy.channels.timeoutMs,
        });
      const elapsedMs = Math.round(performance.now() - started);
      latency.observe({ endpoint: endpoint.name, channel: endpoint.kind }, elapsedMs / 1000);
      attempts.inc({ endpoint: endpoint.name, channel: endpoint.kind, result: result.ok ? 'ok' : 'failed' });
      const error = result.error ? maskPhoneNumbers(result.error) : null;
      await em.query(
        `INSERT INTO channel_attempt (delivery_id, event_id, endpoint, channel, target, attempt, result, http_status, error, latency_ms, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          row.id,
          row.event_id,
          endpoint.name,
          endpoint.kind,
          target.slice(0, 200),
          attempt,
          result.ok ? 'ok' : 'failed',
          result.httpStatus,
          error,
          elapsedMs,
          now,
        ],
      );
      if (result.ok) {
        await em.query(`UPDATE channel_delivery SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL WHERE id = $1`, [row.id, attempt, now]);
        // 第七条 记清楚: what the resident was sent, and when, is part of the ticket's history (the number masked).
        if (endpoint.kind === 'sms' && row.ticket_id && sms) {
          await this.writer.history(em, row.ticket_id, null, now, {
            action: 'resident_notified',
            after: { channel: 'sms', to: target, eventId: row.event_id },
            note: sms.told,
          });
        }
      } else if (attempt >= this.policy.channels.retry.maxAttempts) {
        await em.query(`UPDATE channel_delivery SET status = 'dead', attempts = $2, last_error = $3 WHERE id = $1`, [row.id, attempt, error]);
        deadLetters.inc({ endpoint: endpoint.name, channel: endpoint.kind });
        this.logger.error({ endpoint: endpoint.name, eventId: row.event_id, attempts: attempt }, 'channel delivery dead-lettered');
      } else {
        const next = new Date(now.getTime() + channelRetryDelayMs(this.policy, attempt));
        await em.query(`UPDATE channel_delivery SET attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [row.id, attempt, error, next]);
      }
      return true;
    });
  }
}
