import { ApiProperty } from '@nestjs/swagger';
import { DepartmentRefView } from '../tickets/dto/ticket.view.js';

export class ComplianceCounts {
  @ApiProperty({ type: 'integer', description: 'Deadlines that fell in the period' }) due!: number;
  @ApiProperty({ type: 'integer' }) onTime!: number;
  @ApiProperty({ type: 'integer' }) breached!: number;
  @ApiProperty({ type: 'integer', description: 'Not yet due, or due but not yet swept' }) pending!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Percent on time of those decided (onTime / (onTime + breached)), one decimal; null when none was decided',
  })
  rate!: number | null;
}

export class ComplianceDayView extends ComplianceCounts {
  @ApiProperty({ format: 'date', example: '2026-11-28' }) date!: string;
}

export class ComplianceDepartmentView extends ComplianceCounts {
  @ApiProperty({ type: DepartmentRefView }) department!: DepartmentRefView;
}

/** A month's SLA compliance by day and by department. */
export class ComplianceView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: ComplianceDayView, isArray: true }) days!: ComplianceDayView[];
  @ApiProperty({ type: ComplianceDepartmentView, isArray: true }) departments!: ComplianceDepartmentView[];
  @ApiProperty({ type: ComplianceCounts }) total!: ComplianceCounts;
}
