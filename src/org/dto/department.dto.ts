import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

export class CreateDepartmentDto {
  @ApiProperty({ description: 'Short code the routing policy refers to', example: 'ENG' })
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'code must be 2–20 upper-case letters, digits or _' })
  code!: string;

  @ApiProperty({ description: 'Department name', example: '工程部' })
  @IsString() @Length(1, 60)
  name!: string;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional({ description: 'Department name' })
  @IsOptional() @IsString() @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({ description: 'The supervisor: an active member of this department with the supervisor role; null clears it', nullable: true, format: 'uuid' })
  @ValidateIf((_, v) => v !== null) @IsOptional() @IsUUID()
  supervisorId?: string | null;
}

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class DepartmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ENG' }) code!: string;
  @ApiProperty({ example: '工程部' }) name!: string;
  @ApiProperty({ type: PersonRef, nullable: true, description: 'The department supervisor (部门主管)' }) supervisor!: PersonRef | null;
}
