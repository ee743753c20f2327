import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Principal } from '../auth/principal.js';
import type { Session } from '../auth/session.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import { StaffDirectory } from '../org/staff-directory.service.js';

/** EventSource cannot send headers, and the access token must not travel in a URL. */
export const STREAM_TOKEN_TTL_SECONDS = 60;

/**
 * Short-lived, single-purpose tokens for `GET /events/stream?token=`: signed with the JWT secret,
 * typ `stream`, so the auth guard refuses them as bearer tokens and the stream refuses access tokens.
 */
@Injectable()
export class StreamTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
  ) {}

  async issue(principal: Principal, session: Session): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const token = await this.jwt.signAsync({ sub: principal.id, typ: 'stream', gen: session.generation, iat, exp: iat + STREAM_TOKEN_TTL_SECONDS });
    return { token, expiresIn: STREAM_TOKEN_TTL_SECONDS };
  }

  /** The account behind a stream token, loaded now (deactivated, or changed since the token: refused). */
  async verify(token: string): Promise<Principal> {
    let claims: { sub?: string; typ?: string; gen?: number };
    try {
      claims = await this.jwt.verifyAsync<{ sub: string; typ: string; gen: number }>(token, { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch {
      throw new DomainError(DomainErrorCode.InvalidCredentials, 'the stream token is invalid or has expired; get a new one from POST /events/stream-token');
    }
    if (claims.typ !== 'stream' || typeof claims.sub !== 'string' || !Number.isInteger(claims.gen)) throw new DomainError(DomainErrorCode.InvalidCredentials, 'not a stream token');
    const principal = await this.directory.principal(claims.sub, claims.gen!);
    if (!principal) throw new DomainError(DomainErrorCode.InvalidCredentials, 'the account is inactive or gone');
    return principal;
  }
}
