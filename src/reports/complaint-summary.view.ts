import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IdProperty } from '../common/http/api-docs.js';
import type { ComplaintSummary } from './complaint-summary.query.js';
import { RangeView } from './performance-report.view.js';

type Summary = ComplaintSummary;

// Counts keyed by channel, category, severity or clock purpose: the keys are whatever occurred that month.
const counts = (description: string): ApiPropertyOptions => ({
  type: 'object',
  additionalProperties: { type: 'integer', format: 'int32', minimum: 0 },
  description,
});

export class DepartmentCountView {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'ENG' }) code!: string;
  @ApiProperty({ example: '工程部' }) name!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class ReceivedView {
  @ApiProperty({ type: 'integer', description: 'Every ticket received: complaints, suggestions and enquiries' }) total!: number;
  @ApiProperty(counts('第三条: by kind (complaint, suggestion, enquiry; each present, 0 when none)')) byKind!: Record<string, number>;
  @ApiProperty(counts('By channel')) byChannel!: Record<string, number>;
  @ApiProperty(counts('By category')) byCategory!: Record<string, number>;
  @ApiProperty(counts('By severity')) bySeverity!: Record<string, number>;
  @ApiProperty({ type: DepartmentCountView, isArray: true }) byDepartment!: DepartmentCountView[];
}

export class ResponseClockView {
  @ApiProperty({ type: 'integer' }) due!: number;
  @ApiProperty({ type: 'integer' }) onTime!: number;
  @ApiProperty({ type: 'integer' }) breached!: number;
  @ApiProperty({ type: String, nullable: true, example: '96.5' }) compliancePercent!: string | null;
}

export class FirstAnswerView {
  @ApiProperty({ type: 'integer' }) answered!: number;
  @ApiProperty({ type: Number, nullable: true }) medianMinutes!: number | null;
}

export class BreachCountsView {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty(counts('By clock purpose')) byPurpose!: Record<string, number>;
}

export class OverreachCountsView {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'Attributed to a handling failure (charged)' }) attributed!: number;
  @ApiProperty(counts('By level')) byLevel!: Record<string, number>;
}

/** 第一篇 二.4(5) 约谈: appointments of the month. */
export class AppointmentCountsView {
  @ApiProperty({ type: 'integer', description: 'Booked at intake' }) booked!: number;
  @ApiProperty({ type: 'integer', description: 'Meetings held' }) held!: number;
  @ApiProperty({ type: 'integer', description: 'The resident did not come' }) noShows!: number;
  @ApiProperty({ type: 'integer', description: 'Moved to another time' }) rescheduled!: number;
}

export class ProblemCountsView {
  @ApiProperty({ type: 'integer' }) opened!: number;
  @ApiProperty({ type: 'integer' }) closed!: number;
}

export class SummaryFollowUpsView {
  @ApiProperty({ type: 'integer' }) resolved!: number;
  @ApiProperty({ type: 'integer' }) visited!: number;
  @ApiProperty({ type: String, nullable: true }) coveragePercent!: string | null;
  @ApiProperty({ type: 'integer' }) satisfied!: number;
  @ApiProperty({ type: 'integer' }) basicallySatisfied!: number;
  @ApiProperty({ type: 'integer' }) dissatisfied!: number;
  @ApiProperty({ type: String, nullable: true }) satisfactionPercent!: string | null;
}

/** The monthly complaint summary (第八条(四)); no resident data. */
export class ComplaintSummaryView implements Summary {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: RangeView }) range!: RangeView;
  @ApiProperty({ type: ReceivedView }) received!: ReceivedView;
  @ApiProperty({ type: ResponseClockView }) responseClock!: ResponseClockView;
  @ApiProperty({ type: FirstAnswerView }) firstAnswer!: FirstAnswerView;
  @ApiProperty({ type: BreachCountsView }) breaches!: BreachCountsView;
  @ApiProperty({ type: OverreachCountsView }) overreaches!: OverreachCountsView;
  @ApiProperty({ type: 'integer' }) repeatContacts!: number;
  @ApiProperty({ type: AppointmentCountsView }) appointments!: AppointmentCountsView;
  @ApiProperty({ type: ProblemCountsView }) recurringProblems!: ProblemCountsView;
  @ApiProperty({ type: SummaryFollowUpsView }) followUps!: SummaryFollowUpsView;
}
