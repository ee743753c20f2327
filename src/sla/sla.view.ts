import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import { DepartmentRefView, PersonRefView } from '../tickets/dto/ticket.view.js';
import type { DueExplanation, DueSegment, NamedDate } from './calendar/business-calendar.types.js';
import { CLOCK_PURPOSES } from './sla-clock.entity.js';

export const CLOCK_STATUSES = ['running', 'paused', 'met', 'cancelled'] as const;

export class DueSegmentView implements DueSegment {
  @ApiProperty({ description: 'ISO with offset, in the business zone' }) from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: 'integer' }) minutes!: number;
}

export class NamedDateView implements NamedDate {
  @ApiProperty({ format: 'date', example: '2026-10-01' }) date!: string;
  @ApiProperty({ example: '国庆节' }) name!: string;
}

/** How a deadline was computed: the calendar, the business time counted, the days skipped (DESIGN decision 1). */
export class DueExplanationView implements DueExplanation {
  @EnumProperty('CalendarKind', ['continuous', 'working_hours']) calendar!: 'continuous' | 'working_hours';
  @ApiProperty({ example: 'Asia/Shanghai' }) zone!: string;
  @ApiProperty({ description: 'ISO with offset, in zone' }) start!: string;
  @ApiProperty({ type: 'integer' }) spanMinutes!: number;
  @ApiProperty({ description: 'ISO with offset, in zone' }) due!: string;
  @ApiProperty({ type: DueSegmentView, isArray: true }) segments!: DueSegmentView[];
  @ApiProperty({ type: NamedDateView, isArray: true }) skippedHolidays!: NamedDateView[];
  @ApiProperty({ type: NamedDateView, isArray: true, description: '调休 days counted as workdays' }) makeUpWorkdays!: NamedDateView[];
  @ApiProperty({ type: 'integer', isArray: true, description: 'Years with no holiday data: computed Monday to Friday' }) uncoveredYears!: number[];
  @ApiProperty({ description: 'One line in Chinese' }) text!: string;
}

export class PauseView {
  @TimeProperty() since!: string;
  @ApiProperty({ type: 'integer' }) remainingMinutes!: number;
}

/** One SLA clock of a ticket. */
export class ClockView {
  @IdProperty() id!: string;
  @EnumProperty('ClockPurpose', CLOCK_PURPOSES) purpose!: string;
  @EnumProperty('ClockStatus', CLOCK_STATUSES) status!: string;
  @EnumProperty('ClockLight', ['green', 'yellow', 'red', 'none'], {
    description: 'green: on time; yellow: past the warning point; red: breached; none: not running',
  })
  light!: 'green' | 'yellow' | 'red' | 'none';
  @TimeProperty() startedAt!: string;
  @TimeProperty({ nullable: true }) warnAt!: string | null;
  @TimeProperty() dueAt!: string;
  @TimeProperty({
    nullable: true,
    description: '延期: the deadline before an approved extension moved `dueAt` (null: never extended); compliance is judged against it',
  })
  originalDueAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Business minutes left; null once due or not running' }) remainingMinutes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) overdueMinutes!: number | null;
  @ApiProperty() breached!: boolean;
  @TimeProperty({ nullable: true }) breachedAt!: string | null;
  @TimeProperty({ nullable: true }) metAt!: string | null;
  @ApiProperty({ type: 'integer', description: '0: none yet; 1: the supervisor; 2: company leaders' }) escalationLevel!: number;
  @ApiProperty({ type: PauseView, nullable: true }) paused!: PauseView | null;
  @ApiProperty({ type: 'integer' }) pausedMinutes!: number;
  @ApiProperty({ type: DueExplanationView }) explanation!: DueExplanationView;
}

export class BoardDepartmentView {
  @ApiProperty({ type: DepartmentRefView }) department!: DepartmentRefView;
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer', description: 'Past the warning point, not yet due' }) atRisk!: number;
  @ApiProperty({ type: 'integer' }) breached!: number;
  @TimeProperty({ nullable: true }) oldestOverdueDueAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) oldestOverdueMinutes!: number | null;
}

export class BoardView {
  @TimeProperty() at!: string;
  @ApiProperty({ type: BoardDepartmentView, isArray: true }) departments!: BoardDepartmentView[];
}

/** A recorded breach with the people in post when it happened. */
export class BreachView {
  @IdProperty() id!: string;
  @IdProperty() ticketId!: string;
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @EnumProperty('ClockPurpose', CLOCK_PURPOSES) purpose!: string;
  @ApiProperty({ type: PersonRefView, nullable: true }) handler!: PersonRefView | null;
  @ApiProperty({ type: DepartmentRefView, nullable: true }) department!: DepartmentRefView | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) supervisor!: PersonRefView | null;
  @TimeProperty() dueAt!: string;
  @TimeProperty() breachedAt!: string;
  @TimeProperty({ nullable: true }) metAt!: string | null;
  @EnumProperty('BreachState', ['open', 'closed'], { description: 'open: not yet answered; closed: answered late' }) state!: 'open' | 'closed';
}
