import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, EnumQuery, TimeProperty } from '../common/http/api-docs.js';
import { DepartmentRefView } from '../tickets/dto/ticket.view.js';
import type { Bulletin, BulletinColumn, BulletinRow } from './bulletin.query.js';
import { SECTIONS, TARGET_KEYS, sectionFigures, type TargetKey } from './bulletin.sections.js';

export const BULLETIN_FORMATS = ['json', 'csv', 'xlsx'] as const;

export class BulletinFormatQuery {
  @EnumQuery('BulletinFormat', BULLETIN_FORMATS, '`json` (default), `csv` (UTF-8 with BOM) or `xlsx`') format?: (typeof BULLETIN_FORMATS)[number];
}

const figureSchema = (kind: string, header: string) =>
  kind === 'percent'
    ? { type: 'number', nullable: true, description: `${header}: percent, one decimal; null when nothing was judged` }
    : { type: 'integer', description: header };

// The sections' schemas come from the section list itself, so a section added there is documented with it.
const SECTIONS_SCHEMA = {
  type: 'object',
  required: SECTIONS.map((s) => s.key),
  properties: Object.fromEntries(
    SECTIONS.map((s) => {
      const figures = sectionFigures(s);
      return [
        s.key,
        {
          type: 'object',
          description: s.title,
          required: figures.map((f) => f.key),
          properties: Object.fromEntries(figures.map((f) => [f.key, figureSchema(f.kind, f.header)])),
        },
      ];
    }),
  ),
};

export class BulletinRowView implements BulletinRow {
  @ApiProperty({ type: DepartmentRefView }) department!: DepartmentRefView;
  @EnumProperty('BulletinTarget', TARGET_KEYS, { isArray: true, description: 'The targets (policy `bulletin.targets`) the department fell short of' })
  failedTargets!: TargetKey[];
  @ApiProperty({ ...SECTIONS_SCHEMA, description: 'Each section’s figures for the department' } as never) sections!: BulletinRow['sections'];
}

export class BulletinColumnView implements BulletinColumn {
  @ApiProperty({ example: 'response.rate', description: '`department`, `failedTargets` or `<section>.<figure>`' }) key!: string;
  @ApiProperty({ example: '按时响应率（%）' }) header!: string;
  @EnumProperty('BulletinColumnKind', ['text', 'count', 'minutes', 'percent']) kind!: BulletinColumn['kind'];
}

export class BulletinSectionView {
  @ApiProperty({ example: 'response' }) key!: string;
  @ApiProperty({ example: '24小时响应' }) title!: string;
}

export class BulletinRangeView {
  @TimeProperty() start!: string;
  @TimeProperty({ description: 'Exclusive' }) end!: string;
}

export class BulletinTargetsView {
  @ApiProperty({ type: Number, example: 0.95 }) responseOnTime!: number;
  @ApiProperty({ type: Number, example: 0.9 }) resolutionOnTime!: number;
  @ApiProperty({ type: Number, example: 0.9 }) satisfaction!: number;
  @ApiProperty({ type: Number, example: 0.9 }) supervisionOnTime!: number;
}

/** 通报: the month's figures per department, below-target departments first. No resident data. */
export class BulletinView implements Bulletin {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: BulletinRangeView }) range!: BulletinRangeView;
  @TimeProperty() generatedAt!: string;
  @ApiProperty({ type: BulletinTargetsView, description: 'Policy `bulletin.targets`, shares (0.95 = 95 %)' }) targets!: BulletinTargetsView;
  @ApiProperty({ type: [BulletinSectionView] }) sections!: BulletinSectionView[];
  @ApiProperty({ type: [BulletinColumnView], description: 'The columns the console page, the CSV and the XLSX show, in order' }) columns!: BulletinColumnView[];
  @ApiProperty({ type: [BulletinRowView] }) rows!: BulletinRowView[];
}
