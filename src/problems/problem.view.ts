import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, EnumQuery, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import type { ProblemView as Problem } from './problems.service.js';

export const PROBLEM_STATUSES = ['open', 'closed'] as const;

export class ProblemsQuery {
  @EnumQuery('ProblemStatus', PROBLEM_STATUSES) status?: 'open' | 'closed';
}

export class ProblemTicketView {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @TimeProperty() receivedAt!: string;
}

/** A recurring problem (第九条): complaints of one category at one place, with their analysis. */
export class ProblemView implements Problem {
  @IdProperty() id!: string;
  @ApiProperty({ example: '报修' }) category!: string;
  @ApiProperty({ example: '阳光花园' }) community!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Set when the problem is per building' }) building!: string | null;
  @IdProperty({ description: 'The department it belongs to: its supervisor analyses it' }) departmentId!: string;
  @EnumProperty('ProblemStatus', PROBLEM_STATUSES) status!: string;
  @ApiProperty({ type: 'integer' }) ticketCount!: number;
  @TimeProperty() openedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: '分析总结' }) analysis!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '解决办法，防止重复发生' }) measure!: string | null;
  @TimeProperty({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: ProblemTicketView, isArray: true }) tickets!: ProblemTicketView[];
}
