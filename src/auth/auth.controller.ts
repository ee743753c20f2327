import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error.js';
import { AuthService } from './auth.service.js';
import { clientAddress } from './client-address.js';
import { LoginDto, TokenView } from './dto/login.dto.js';
import { Public } from './roles.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a bearer token' })
  @ApiOkResponse({ type: TokenView })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins from this address, or for this username from this address; Retry-After says when to try again' })
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenView> {
    try {
      // request.ip is the peer's address unless TRUST_PROXY names the peer as a proxy.
      return await this.auth.login(dto.username, dto.password, clientAddress(request.ip));
    } catch (error) {
      const retryAfter = error instanceof DomainError ? error.details?.retryAfterSeconds : undefined;
      if (typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
      throw error;
    }
  }
}
