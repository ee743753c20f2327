import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CursorField,
  EnumProperty,
  EnumPropertyOptional,
  EnumQuery,
  IdProperty,
  LimitField,
  MonthField,
  NextCursorProperty,
  TimeProperty,
} from '../common/http/api-docs.js';
import { PersonRefView } from '../tickets/dto/ticket.view.js';
import { IMPORTANT_MATTERS, LEADER_REPORT_REASONS, type ImportantMatter, type LeaderReportReason } from './leader-report.entity.js';

export const LEADER_REPORT_FORMATS = ['json', 'csv'] as const;

export class ReportToLeadersDto {
  @EnumPropertyOptional('ImportantMatter', IMPORTANT_MATTERS, {
    isArray: true,
    maxItems: 3,
    description:
      '第一篇 一.8: why the matter is important — 反映较多 `many_reports`, 影响较大 `wide_impact`, 涉及群众切身利益 `vital_interests`. ' +
      'Required unless the ticket is a major complaint',
    example: ['wide_impact'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(IMPORTANT_MATTERS, { each: true })
  matters?: ImportantMatter[];

  @ApiProperty({
    description: 'The written report as the leaders read it',
    example: '3号楼电梯本周三次困人，业主反映强烈，已联系维保单位全面检修',
    maxLength: 2000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  content!: string;
}

export class LeaderReportsQuery {
  @MonthField({ required: false, description: 'Reports made in this calendar month (YYYY-MM, business time zone)' }) month?: string;
  @EnumQuery('LeaderReportFormat', LEADER_REPORT_FORMATS, '`json` (default, in cursor pages) or `csv` (UTF-8 with BOM, every report of the filter)')
  format?: (typeof LEADER_REPORT_FORMATS)[number];
  @CursorField() cursor?: string;
  @LimitField(50, 200) limit?: number;
}

export class LeaderReportTicketView {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'TS-20261102-0001' }) reference!: string;
}

/** A written report to company leaders (第七条(六), 第一篇 一.8). */
export class LeaderReportView {
  @IdProperty() id!: string;
  @ApiProperty({ type: LeaderReportTicketView }) ticket!: LeaderReportTicketView;
  @EnumProperty('LeaderReportReason', LEADER_REPORT_REASONS, {
    description: '`major`: a major complaint (第七条(六)); `important`: an important matter (第一篇 一.8)',
  })
  reason!: LeaderReportReason;
  @EnumProperty('ImportantMatter', IMPORTANT_MATTERS, { isArray: true }) matters!: ImportantMatter[];
  @ApiProperty({ type: PersonRefView, isArray: true, description: 'The company leaders it went to' }) recipients!: PersonRefView[];
  @ApiProperty({ type: PersonRefView, nullable: true }) reporter!: PersonRefView | null;
  @TimeProperty() reportedAt!: string;
  @ApiProperty({ description: 'What the report said; phone numbers masked for viewers who may not see the resident' }) content!: string;
}

export class LeaderReportPageView {
  @ApiProperty({ type: LeaderReportView, isArray: true, description: 'Newest first' }) items!: LeaderReportView[];
  @NextCursorProperty() nextCursor!: string | null;
}
