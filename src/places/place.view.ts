import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { EnumProperty, EnumQuery, IdProperty } from '../common/http/api-docs.js';
import { PLACE_KINDS, type PlaceKind } from './place.entity.js';

export class PlaceView {
  @IdProperty() id!: string;
  @EnumProperty('PlaceKind', PLACE_KINDS, { description: 'community 小区, building 楼栋, unit 单元, room 房号' }) kind!: PlaceKind;
  @ApiProperty({ example: '501' }) name!: string;
  @ApiProperty({ description: 'The full path, names separated by a space', example: '阳光花园 3栋 2单元 501' }) path!: string;
  @ApiProperty({ description: 'Pinyin initials of the name', example: '501' }) initials!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty() active!: boolean;
}

export class PlacesQuery {
  @ApiPropertyOptional({
    description: 'Part of a name or path, or pinyin initials (ygh finds 阳光花园); words separated by spaces must all match',
    maxLength: 60,
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  q?: string;
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 200, description: 'At most this many (default: policy places.typeAheadLimit)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @EnumQuery(
    'BooleanFlag',
    ['true', 'false'],
    '`true`: deactivated places too, each with `active: false` (the admin’s register page; intake offers active places only)',
  )
  inactive?: 'true' | 'false';
}

export class CreatePlaceDto {
  @EnumProperty('PlaceKind', PLACE_KINDS, { example: 'building' }) @IsIn(PLACE_KINDS) kind!: PlaceKind;
  @ApiProperty({ example: '3栋', maxLength: 60 }) @IsString() @IsNotEmpty() @MaxLength(60) name!: string;
  @ApiPropertyOptional({
    description: 'Required for every kind but community: the building’s community, the unit’s building, the room’s unit or building',
    format: 'uuid',
    example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
  })
  @ValidateIf((o: CreatePlaceDto) => o.kind !== 'community' || o.parentId !== undefined)
  @IsUUID()
  parentId?: string;
}

export class UpdatePlaceDto {
  @ApiPropertyOptional({ description: 'A new name (the paths of the places under it follow)', example: '3号楼', maxLength: 60 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name?: string;
  @ApiPropertyOptional({
    description:
      '`false` deactivates the place and every place under it (no longer offered at intake); `true` reactivates it with every place under it (its parent must be active)',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PlaceImportLineProblem {
  @ApiProperty({ description: 'Line number in the file, from 1' }) line!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The column at fault (小区, 楼栋, 单元, 房号), if one is' }) column!: string | null;
  @ApiProperty({ description: 'columns, community_missing, gap, too_long, quote, deactivated, kind_conflict' }) code!: string;
  @ApiProperty() message!: string;
}

export class PlaceImportSummary {
  @ApiProperty({ description: 'Place lines read (header and blank lines aside)' }) rows!: number;
  @ApiProperty({ description: 'Places added; 0 when the file was imported before' }) created!: number;
  @ApiProperty({ description: 'Places the file names that were registered already' }) existing!: number;
}
