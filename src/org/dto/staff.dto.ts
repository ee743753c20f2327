import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { EnumProperty, IdProperty } from '../../common/http/api-docs.js';
import { ROLES, type Role } from '../roles.js';

/** 工号: letters, digits and dashes, as payroll systems number people. */
const EMPLOYEE_NO = /^[A-Za-z0-9-]{1,20}$/;
const EMPLOYEE_NO_RULE = 'employeeNo must be 1–20 letters, digits or "-"';

export class CreateStaffDto {
  @ApiProperty({ description: 'Full name', example: '王芳' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @ApiProperty({ description: 'Login name: 3–40 letters, digits, dot, dash or underscore; case-insensitive', example: 'wangfang' })
  @Matches(/^[A-Za-z0-9._-]{3,40}$/, { message: 'username must be 3–40 letters, digits, ".", "_" or "-"' })
  @Length(3, 40)
  username!: string;

  @ApiProperty({ description: 'Initial password set by the admin (at least the policy minimum length)', writeOnly: true, example: 'initial-password-1' })
  @IsString()
  @Length(1, 128)
  password!: string;

  @ApiPropertyOptional({ type: String, description: 'Department id', nullable: true, example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: '工号: the employee number HR’s payroll uses; 1–20 letters, digits or "-", stored upper-case, unique',
    example: 'E0123',
    nullable: true,
    maxLength: 20,
  })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Matches(EMPLOYEE_NO, { message: EMPLOYEE_NO_RULE })
  employeeNo?: string | null;

  @EnumProperty('Role', ROLES, { description: 'Roles', isArray: true, example: ['staff'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class UpdateStaffDto {
  @ApiPropertyOptional({ example: '王芳' }) @IsOptional() @IsString() @Length(1, 60) name?: string;

  @ApiPropertyOptional({ description: 'A new password (admin reset)', writeOnly: true, example: 'new-password-2' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  password?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ type: String, description: '工号; null removes it', example: 'E0123', nullable: true, maxLength: 20 })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Matches(EMPLOYEE_NO, { message: EMPLOYEE_NO_RULE })
  employeeNo?: string | null;

  @EnumProperty('Role', ROLES, { isArray: true, required: false, example: ['staff', 'supervisor'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'Inactive accounts cannot sign in; their history stays', example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class StaffListQuery {
  @ApiPropertyOptional({ description: 'Only this department’s members' }) @IsOptional() @IsUUID() departmentId?: string;
}

export class StaffView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: '工号', nullable: true, type: String, example: 'E0123' }) employeeNo!: string | null;
  @IdProperty({ nullable: true }) departmentId!: string | null;
  @EnumProperty('Role', ROLES, { isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
}
