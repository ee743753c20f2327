import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import type { Role } from '../org/roles.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { Principal } from '../org/principal.js';
import type { AccessClaims, Session } from './session.js';
import { PUBLIC_KEY, ROLES_KEY } from '../org/roles.decorator.js';

/** A request that passed the guard: who is calling, and with which token. */
export type AuthenticatedRequest = FastifyRequest & { principal?: Principal; session?: Session };

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

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { principal, session } = await this.authenticate(request);
    request.principal = principal;
    request.session = session;

    if (!roles) {
      this.logger.warn(`route ${request.method} ${request.url} declares no roles; denied`);
      throw new DomainError(DomainErrorCode.Forbidden, 'this route is not open to any role');
    }
    if (!roles.some((role) => principal.roles.includes(role))) {
      throw new DomainError(DomainErrorCode.Forbidden, `requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<{ principal: Principal; session: Session }> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError(DomainErrorCode.InvalidCredentials, 'a bearer token is required');
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(match[1], { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch {
      throw new DomainError(DomainErrorCode.InvalidCredentials, 'the token is invalid or has expired');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Number.isInteger(claims.gen) || typeof claims.exp !== 'number') {
      throw new DomainError(DomainErrorCode.InvalidCredentials, 'not an access token');
    }
    // One statement: the account must be active and still at the generation the token was issued with.
    const principal = await this.directory.principal(claims.sub, claims.gen!);
    if (!principal)
      throw new DomainError(
        DomainErrorCode.InvalidCredentials,
        'the account is inactive, or the token was ended by a password, role or department change; sign in again',
      );
    return { principal, session: { generation: claims.gen!, expiresAt: new Date(claims.exp * 1000) } };
  }
}
