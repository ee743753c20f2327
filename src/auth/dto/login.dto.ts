import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { EnumProperty, IdProperty } from '../../common/http/api-docs.js';
import { ROLES, type Role } from '../../org/roles.js';

export class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @Length(1, 40) username!: string;
  @ApiProperty({ writeOnly: true, example: 'correct-horse-battery' }) @IsString() @Length(1, 128) password!: string;
}

export class SignedInUserView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() username!: string;
  @EnumProperty('Role', ROLES, { isArray: true }) roles!: Role[];
  @IdProperty({ nullable: true }) departmentId!: string | null;
}

export class TokenView {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) accessToken!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until it expires' }) expiresIn!: number;
  @ApiProperty({ type: SignedInUserView, description: 'The signed-in account' }) user!: SignedInUserView;
}
