import { ApiProperty } from '@nestjs/swagger';
import type { SweepReport } from '../sla/escalation-sweeper.js';
import type { SweepRun } from './scheduler.service.js';

export class SweepReportView implements SweepReport {
  @ApiProperty({ type: 'integer', description: 'Due clocks claimed' }) claimed!: number;
  @ApiProperty({ type: 'integer' }) warned!: number;
  @ApiProperty({ type: 'integer' }) breached!: number;
  @ApiProperty({ type: 'integer' }) escalated!: number;
  @ApiProperty({ type: 'integer' }) batches!: number;
  @ApiProperty({ description: 'Now minus the oldest unprocessed due time at the start' }) lagSeconds!: number;
  @ApiProperty() durationMs!: number;
}

/** 督办单: what the supervision-order sweep did. */
export class SupervisionSweepView {
  @ApiProperty({ type: 'integer', description: 'Reminders (催办) sent' }) reminded!: number;
  @ApiProperty({ type: 'integer', description: 'Orders past their deadline without accepted feedback' }) breached!: number;
}

/** 派单: what the unsigned-dispatch sweep did. */
export class DispatchSweepView {
  @ApiProperty({ type: 'integer', description: 'Unsigned dispatches warned (dispatch.warnAtPercent)' }) warned!: number;
  @ApiProperty({ type: 'integer', description: 'Unsigned dispatches past their sign-for deadline, escalated to the receiving department’s supervisor' })
  breached!: number;
  @ApiProperty({ type: 'integer', description: 'Still unsigned dispatch.leadersAfterBreachMinutes after the breach, escalated to company leaders' })
  escalatedToLeaders!: number;
}

/** 联合办理: what the co-department task sweep did. */
export class JointSweepView {
  @ApiProperty({ type: 'integer', description: 'Task handlers warned before the due time' }) warned!: number;
  @ApiProperty({ type: 'integer', description: 'Tasks past their due time without a sign-off' }) breached!: number;
  @ApiProperty({ type: 'integer', description: 'Escalation steps taken (co-department supervisor, company leaders)' }) escalated!: number;
}

/** What one scheduler sweep did. */
export class SweepRunView implements SweepRun {
  @ApiProperty({ type: SweepReportView }) sla!: SweepReportView;
  @ApiProperty({ type: SupervisionSweepView }) supervision!: SupervisionSweepView;
  @ApiProperty({ type: DispatchSweepView }) dispatch!: DispatchSweepView;
  @ApiProperty({ type: JointSweepView }) joint!: JointSweepView;
  @ApiProperty({ type: 'integer', description: 'Outbox events delivered to after-commit consumers' }) outboxDelivered!: number;
  @ApiProperty({ type: 'integer', description: 'Idempotency keys past their retention, deleted' }) idempotencyKeysPurged!: number;
  @ApiProperty({
    type: 'integer',
    description: 'First responders sent today’s digest of their handed-off tickets (第二条 跟清楚); 0 before its time or once sent',
  })
  followThroughDigests!: number;
}
