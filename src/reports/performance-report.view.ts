import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  EnumProperty,
  EnumPropertyOptional,
  EnumQuery,
  IdProperty,
  LimitField,
  MonthField,
  NextCursorProperty,
  TimeProperty,
} from '../common/http/api-docs.js';
import { SCORING_RULES, type ScoringRule } from '../scoring/scoring.types.js';
import { DepartmentRefView, PersonRefView } from '../tickets/dto/ticket.view.js';
import {
  PERFORMANCE_FIGURES,
  type FigureTicket,
  type FigureTicketsPage,
  type HandledTicketsPage,
  type PerformanceFigure,
  type PerformanceReport,
  type PerformanceReportBody,
  type PerformanceRow,
  type PerformanceSummaryRow,
  type TicketRef,
} from './performance-report.types.js';

// The documented shapes of HR's report. Each class implements the report's type, so a field the report
// gains and this page lacks fails the type check; the response check of the e2e suite catches the rest.

type Totals = PerformanceReport['totals'];
type RowTickets = PerformanceRow['tickets'];

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;

export class PerformanceQuery {
  @MonthField({ required: true }) month!: string;
  @EnumQuery('ReportFormat', REPORT_FORMATS, '`json` (default), `csv` (UTF-8 with BOM) or `xlsx`') format?: (typeof REPORT_FORMATS)[number];
}

export class SummaryQuery {
  @MonthField({ required: true }) month!: string;
}

export class HandledTicketsQuery {
  @ApiPropertyOptional({ description: 'From the previous page (`nextCursor`)', maxLength: 64 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'cursor must be a cursor from a previous page' })
  cursor?: string;
  @LimitField(100, 500) limit?: number;
}

export class FigureTicketsQuery {
  @EnumProperty('PerformanceFigure', PERFORMANCE_FIGURES, { description: 'The figure of the report row whose tickets to list' })
  @IsIn(PERFORMANCE_FIGURES)
  figure!: PerformanceFigure;
  @ApiPropertyOptional({ description: 'From the previous page (`nextCursor`)', maxLength: 64 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'cursor must be a cursor from a previous page' })
  cursor?: string;
  @LimitField(100, 500) limit?: number;
}

export class TicketRefView implements TicketRef {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'TS-20261102-0001' }) reference!: string;
}

class EntryRefView extends TicketRefView {
  @IdProperty() entryId!: string;
}

export class PointsRefView extends EntryRefView {
  @EnumProperty('ScoringRule', SCORING_RULES) rule!: ScoringRule;
  @ApiProperty({ type: 'integer' }) points!: number;
}

export class LossRefView extends EntryRefView {
  @ApiProperty({ type: 'integer', description: 'In fen' }) amountFen!: number;
}

export class CaseRefView extends TicketRefView {
  @IdProperty() caseId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null while HR has not decided' }) outcome!: string | null;
}

export class BreachRefView extends TicketRefView {
  @ApiProperty({ description: 'The clock that breached' }) purpose!: string;
}

export class FollowUpRefView extends TicketRefView {
  @ApiProperty() verdict!: string;
}

export class AdjustmentRefView extends PointsRefView {
  @ApiProperty({ example: '2026-10', description: 'The closed month the entry belongs to' }) originalMonth!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}

/** Points per rule of the penalty table, and their total. */
export class PointsView {
  @ApiProperty({ name: 'overreach.company', type: 'integer' }) 'overreach.company'!: number;
  @ApiProperty({ name: 'overreach.county', type: 'integer' }) 'overreach.county'!: number;
  @ApiProperty({ name: 'overreach.city', type: 'integer' }) 'overreach.city'!: number;
  @ApiProperty({ name: 'valid_complaint', type: 'integer' }) valid_complaint!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class MoneyView {
  @ApiProperty({ type: 'integer' }) fen!: number;
  @ApiProperty({ example: '1200.00' }) yuan!: string;
}

export class FollowUpCountsView {
  @ApiProperty({ type: 'integer' }) satisfied!: number;
  @ApiProperty({ type: 'integer' }) basicallySatisfied!: number;
  @ApiProperty({ type: 'integer' }) dissatisfied!: number;
  @ApiProperty({ type: String, nullable: true, example: '92.3' }) satisfactionPercent!: string | null;
}

export class PerformanceTicketsView implements RowTickets {
  @ApiProperty({ type: PointsRefView, isArray: true }) points!: PointsRefView[];
  @ApiProperty({ type: LossRefView, isArray: true }) economicLoss!: LossRefView[];
  @ApiProperty({ type: EntryRefView, isArray: true }) warnings!: EntryRefView[];
  @ApiProperty({ type: CaseRefView, isArray: true }) disciplinaryCases!: CaseRefView[];
  @ApiProperty({ type: EntryRefView, isArray: true }) validComplaints!: EntryRefView[];
  @ApiProperty({ type: BreachRefView, isArray: true }) slaBreaches!: BreachRefView[];
  @ApiProperty({ type: FollowUpRefView, isArray: true }) followUps!: FollowUpRefView[];
  @ApiProperty({ type: AdjustmentRefView, isArray: true }) adjustments!: AdjustmentRefView[];
}

export class PerformanceTotalsView implements Totals {
  @ApiProperty({ type: PointsView }) points!: PointsView;
  @ApiProperty({ type: MoneyView }) economicLoss!: MoneyView;
  @ApiProperty({ type: 'integer' }) warnings!: number;
  @ApiProperty({ type: 'integer' }) disciplinaryCases!: number;
  @ApiProperty({ type: 'integer' }) validComplaints!: number;
  @ApiProperty({ type: 'integer' }) slaBreaches!: number;
  @ApiProperty({ type: 'integer', description: 'A workload count; the tickets are paged per employee' }) ticketsHandled!: number;
  @ApiProperty({ type: FollowUpCountsView }) followUps!: FollowUpCountsView;
  @ApiProperty({ type: 'integer' }) adjustments!: number;
}

export class EmployeeRefView extends PersonRefView {
  @ApiProperty({ type: String, nullable: true, description: '工号', example: 'E0123' }) employeeNo!: string | null;
}

export class PerformanceRowView extends PerformanceTotalsView implements PerformanceRow {
  @ApiProperty({ type: EmployeeRefView }) employee!: EmployeeRefView;
  @ApiProperty({ type: DepartmentRefView, nullable: true }) department!: DepartmentRefView | null;
  @ApiProperty({ type: PerformanceTicketsView, description: 'The tickets behind each figure' }) tickets!: PerformanceTicketsView;
}

export class RangeView {
  @TimeProperty() start!: string;
  @TimeProperty() end!: string;
}

/** What the full report and its JSON answer share: the month, its state and the company's total. */
class PerformanceReportHeadView implements Omit<PerformanceReport, 'rows'> {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: RangeView }) range!: RangeView;
  @ApiProperty() closed!: boolean;
  @TimeProperty({ nullable: true }) closedAt!: string | null;
  @TimeProperty() generatedAt!: string;
  @ApiProperty({ type: PerformanceTotalsView }) totals!: PerformanceTotalsView;
}

/** HR's monthly performance-deduction report (第八条(四)): no resident data (DESIGN decision 8). */
export class PerformanceReportView extends PerformanceReportHeadView implements PerformanceReport {
  @ApiProperty({ type: PerformanceRowView, isArray: true }) rows!: PerformanceRowView[];
}

/** An employee's row of the JSON report: the figures, and where the tickets behind them are listed. */
export class PerformanceSummaryRowView extends PerformanceTotalsView implements PerformanceSummaryRow {
  @ApiProperty({ type: EmployeeRefView }) employee!: EmployeeRefView;
  @ApiProperty({ type: DepartmentRefView, nullable: true }) department!: DepartmentRefView | null;
  @ApiProperty({
    example: '/reports/performance/2026-11/employees/5b0f7c1e-8d8a-4c1e-9a51-0f4d2c7e9b10/tickets',
    description: 'The tickets behind each figure, a page at a time: `GET {ticketsPath}?figure=points` (or economicLoss, warnings, …)',
  })
  ticketsPath!: string;
}

export class ReportColumnView {
  @ApiProperty({ example: 'points.total', description: 'The figure the column shows (a key of the row)' }) key!: string;
  @ApiProperty({ example: '合计扣分', description: 'Its heading, the same in the CSV, the XLSX and the console' }) header!: string;
  @EnumProperty('ReportColumnKind', ['text', 'count', 'money', 'percent']) kind!: string;
}

export class DepartmentSubtotalView {
  @ApiProperty({ type: DepartmentRefView, nullable: true, description: 'null for staff without a department' }) department!: DepartmentRefView | null;
  @ApiProperty({ type: PerformanceTotalsView }) figures!: PerformanceTotalsView;
}

/** GET /reports/performance as JSON: the figures with the columns the files and the console page show. */
export class PerformanceReportBodyView extends PerformanceReportHeadView implements PerformanceReportBody {
  @ApiProperty({ type: PerformanceSummaryRowView, isArray: true }) rows!: PerformanceSummaryRowView[];
  @ApiProperty({ type: ReportColumnView, isArray: true }) columns!: ReportColumnView[];
  @ApiProperty({ type: DepartmentSubtotalView, isArray: true, description: 'Each department’s sums, in the rows’ order (the 小计 lines of the files)' })
  subtotals!: DepartmentSubtotalView[];
}

export class HandledTicketsPageView implements HandledTicketsPage {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: PersonRefView }) employee!: PersonRefView;
  @ApiProperty({ type: 'integer', description: 'All the month’s handled tickets of the employee: the report’s `ticketsHandled`' }) total!: number;
  @ApiProperty({ type: TicketRefView, isArray: true }) items!: TicketRefView[];
  @NextCursorProperty() nextCursor!: string | null;
}

/** A ticket behind a figure: its id and reference, with what that figure's list says of it (the fields of its kind). */
export class FigureTicketView implements TicketRef {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'TS-20261102-0001' }) reference!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The ledger entry (points, economicLoss, warnings, validComplaints, adjustments)' }) entryId?: string;
  @EnumPropertyOptional('ScoringRule', SCORING_RULES, { description: 'points, adjustments' }) rule?: ScoringRule;
  @ApiPropertyOptional({ type: 'integer', description: 'points, adjustments' }) points?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'In fen: economicLoss, adjustments' }) amountFen?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'disciplinaryCases' }) caseId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'disciplinaryCases: null while HR has not decided' }) outcome?: string | null;
  @ApiPropertyOptional({ description: 'slaBreaches: the clock that breached' }) purpose?: string;
  @ApiPropertyOptional({ description: 'followUps' }) verdict?: string;
  @ApiPropertyOptional({ example: '2026-10', description: 'adjustments: the closed month the entry belongs to' }) originalMonth?: string;
}

export class FigureTicketsPageView implements FigureTicketsPage {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: PersonRefView }) employee!: PersonRefView;
  @EnumProperty('PerformanceFigure', PERFORMANCE_FIGURES) figure!: PerformanceFigure;
  @ApiProperty({ type: 'integer', description: 'Entries in the whole list' }) total!: number;
  @ApiProperty({ type: FigureTicketView, isArray: true }) items!: FigureTicket[];
  @NextCursorProperty() nextCursor!: string | null;
}
