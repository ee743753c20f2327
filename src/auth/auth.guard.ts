import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import type { Role } from '../org/roles.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { Principal } from './principal.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';

interface TokenClaims {
  sub: string;
  typ?: string;
}

/** Global guard: denies by default; each route declares @Public() or its roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly directory: StaffDirectory,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = await this.authenticate(request);
    request.principal = principal;

    if (!roles) {
      this.logger.warn(`route ${request.method} ${request.url} declares no roles; denied`);
      throw new DomainError(DomainErrorCode.Forbidden, 'this route is not open to any role');
    }
    if (!roles.some((role) => principal.roles.includes(role))) {
      throw new DomainError(DomainErrorCode.Forbidden, `requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError(DomainErrorCode.InvalidCredentials, 'a bearer token is required');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(match[1], { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch {
      throw new DomainError(DomainErrorCode.InvalidCredentials, 'the token is invalid or has expired');
    }
    if (claims.typ !== 'access') throw new DomainError(DomainErrorCode.InvalidCredentials, 'not an access token');
    const principal = await this.directory.principal(claims.sub);
    if (!principal) throw new DomainError(DomainErrorCode.InvalidCredentials, 'the account is inactive or gone');
    return principal;
  }
}
