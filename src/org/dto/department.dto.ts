import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { IdProperty } from '../../common/http/api-docs.js';

export class CreateDepartmentDto {
  @ApiProperty({ description: 'Short code the routing policy refers to', example: 'ENG' })
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'code must be 2–20 upper-case letters, digits or _' })
  @Length(2, 20)
  code!: string;

  @ApiProperty({ description: 'Department name', example: '工程部' })
  @IsString()
  @Length(1, 60)
  name!: string;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional({ description: 'Department name', example: '工程维修部' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'The supervisor: an active member of this department with the supervisor role; null clears it',
    nullable: true,
    example: '5b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d',
  })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsUUID()
  supervisorId?: string | null;
}

export class PersonRef {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
}

export class DepartmentView {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'ENG' }) code!: string;
  @ApiProperty({ example: '工程部' }) name!: string;
  @ApiProperty({ type: PersonRef, nullable: true, description: 'The department supervisor (部门主管)' }) supervisor!: PersonRef | null;
}
