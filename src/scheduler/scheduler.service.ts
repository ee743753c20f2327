import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { OutboxDispatcher } from '../events/outbox-dispatcher.js';
import { IdempotencyKeys } from '../idempotency/idempotency-keys.js';
import { FollowThroughDigests } from '../notifications/follow-through-digest.js';
import { EscalationSweeper, type SweepReport } from '../sla/escalation-sweeper.js';
import { SlaFigures } from '../sla/sla-figures.js';
import { SupervisionOrders, type SupervisionSweepReport } from '../supervision/supervision.service.js';
import type { DispatchSweepReport } from '../dispatch/dispatch-clock.js';
import { DispatchSweeper } from '../dispatch/dispatch-sweep.js';
import { JointService, type JointSweepReport } from '../joint/joint.service.js';

export interface SweepRun {
  sla: SweepReport;
  /** 督办单: reminders (催办) sent and orders breached in this run. */
  supervision: SupervisionSweepReport;
  /** 派单: unsigned dispatches warned, and breached (escalated to the receiving department's supervisor). */
  dispatch: DispatchSweepReport;
  /** 联合办理: co-department tasks warned, breached and escalated in this run. */
  joint: JointSweepReport;
  outboxDelivered: number;
  /** Idempotency keys past their retention, deleted. */
  idempotencyKeysPurged: number;
  /** First responders who got today's follow-through digest in this run (0 once it is sent). */
  followThroughDigests: number;
}

/**
 * Runs the SLA sweep at the policy's interval (one at a time per instance; several instances may run
 * side by side, the row locks keep them apart). `runOnce` is what POST /admin/sweeps and the CLI call.
 */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SweepScheduler.name);
  private running?: Promise<SweepRun>;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly sweeper: EscalationSweeper,
    private readonly figures: SlaFigures,
    private readonly outbox: OutboxDispatcher,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly digests: FollowThroughDigests,
    private readonly supervision: SupervisionOrders,
    private readonly dispatches: DispatchSweeper,
    private readonly joint: JointService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const interval = setInterval(() => {
      if (this.running) return;
      this.runOnce().catch((error) => this.logger.warn({ err: error }, 'sweep failed; due clocks stay due and are retried'));
    }, this.policy.sweep.intervalSeconds * 1000);
    this.registry.addInterval('sla-sweep', interval);
  }

  // Before the HTTP server and the database pool close: stop between batches, let the current one finish.
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', 'sla-sweep')) this.registry.deleteInterval('sla-sweep');
    this.sweeper.stop();
    this.supervision.stop();
    this.dispatches.stop();
    this.joint.stop();
    await this.running?.catch(() => undefined);
  }

  async runOnce(): Promise<SweepRun> {
    if (this.running) return this.running;
    this.running = (async () => {
      const sla = await this.sweeper.sweep(this.policy.sweep.batchSize);
      // The gauges' at-risk and breached counts, once per run instead of once per scrape.
      await this.figures.record();
      const supervision = await this.supervision.sweep(this.policy.sweep.batchSize);
      const dispatch = await this.dispatches.sweep(this.policy.sweep.batchSize);
      const joint = await this.joint.sweep(this.policy.sweep.batchSize);
      const outboxDelivered = await this.outbox.drain();
      const idempotencyKeysPurged = await this.idempotencyKeys.purgeExpired();
      // 第二条, 第七条(三): after the sweep, so the digest's due times include this run's changes.
      const followThroughDigests = await this.digests.run();
      return { sla, supervision, dispatch, joint, outboxDelivered, idempotencyKeysPurged, followThroughDigests };
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
