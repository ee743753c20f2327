import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' }) @IsString() @Length(1, 40) username!: string;
  @ApiProperty({ writeOnly: true }) @IsString() @Length(1, 128) password!: string;
}

export class TokenView {
  @ApiProperty({ description: 'Bearer token for the Authorization header' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until it expires' }) expiresIn!: number;
  @ApiProperty({ description: 'The signed-in account' }) user!: { id: string; name: string; username: string; roles: string[]; departmentId: string | null };
}
