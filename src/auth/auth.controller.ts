import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/http/api-docs.js';
import { AuthService } from './auth.service.js';
import { clientAddress } from './client-address.js';
import { LoginDto, TokenView } from './dto/login.dto.js';
import { Public } from '../org/roles.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a bearer token', description: 'Repeated failed sign-ins are throttled (429 with Retry-After).' })
  @ApiOkResponse({ type: TokenView })
  @ApiErrors(401, 429, 503)
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenView> {
    // request.ip is the peer's address unless TRUST_PROXY names the peer as a proxy.
    return this.auth.login(dto.username, dto.password, clientAddress(request.ip));
  }
}
