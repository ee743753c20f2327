import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../org/principal.js';
import type { Session } from '../auth/session.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import { StaffDirectory } from '../org/staff-directory.service.js';

/** EventSource cannot send headers, and the access token must not travel in a URL. */
export const STREAM_TOKEN_TTL_SECONDS = 60;

/** Used stream tokens' rows deleted per token issued, once the tokens have expired. */
const PURGE_BATCH = 100;

interface StreamClaims {
  sub: string;
  typ: 'stream';
  /** The token's id: recorded when it opens a stream, so it opens one only. */
  jti: string;
  /** The access token's generation and expiry: the stream lives no longer than the access token would. */
  gen: number;
  aex: number;
  iat: number;
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const refuse = (message: string) => new DomainError(DomainErrorCode.InvalidCredentials, message);

/**
 * Short-lived, single-use tokens for `GET /events/stream?token=`: signed with the JWT secret, typ
 * `stream`, so the auth guard refuses them as bearer tokens and the stream refuses access tokens.
 */
@Injectable()
export class StreamTokens {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
  ) {}

  async issue(principal: Principal, session: Session): Promise<{ token: string; expiresIn: number }> {
    const now = this.clock.now();
    await this.db.query(`DELETE FROM stream_token_use WHERE ctid = ANY(ARRAY(SELECT ctid FROM stream_token_use WHERE expires_at < $1 LIMIT ${PURGE_BATCH}))`, [
      now,
    ]);
    const iat = Math.floor(now.getTime() / 1000);
    const aex = Math.floor(session.expiresAt.getTime() / 1000);
    const exp = Math.min(iat + STREAM_TOKEN_TTL_SECONDS, aex);
    const claims: StreamClaims = { sub: principal.id, typ: 'stream', jti: randomUUID(), gen: session.generation, aex, iat, exp };
    return { token: await this.jwt.signAsync(claims), expiresIn: exp - iat };
  }

  /**
   * The account behind a stream token, loaded now (deactivated, or changed since the token: refused), and
   * the token spent: its id is recorded in the database, so no instance opens a second stream with it.
   */
  async open(token: string): Promise<{ viewer: Principal; session: Session }> {
    let claims: Partial<StreamClaims>;
    try {
      claims = await this.jwt.verifyAsync<StreamClaims>(token, { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch {
      throw refuse('the stream token is invalid or has expired; get a new one from POST /events/stream-token');
    }
    const { sub, typ, jti, gen, aex, exp } = claims;
    if (
      typ !== 'stream' ||
      typeof sub !== 'string' ||
      typeof jti !== 'string' ||
      !UUID.test(jti) ||
      !Number.isInteger(gen) ||
      typeof aex !== 'number' ||
      typeof exp !== 'number'
    ) {
      throw refuse('not a stream token');
    }
    const viewer = await this.directory.principal(sub, gen!);
    if (!viewer) throw refuse('the account is inactive, or its sign-in was ended by a password, role or department change');
    const spent: unknown[] = await this.db.query(
      `INSERT INTO stream_token_use (token_id, staff_id, used_at, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (token_id) DO NOTHING RETURNING token_id`,
      [jti, sub, this.clock.now(), new Date(exp * 1000)],
    );
    if (!spent.length) throw refuse('this stream token has already opened a stream; get a new one from POST /events/stream-token');
    return { viewer, session: { generation: gen!, expiresAt: new Date(aex * 1000) } };
  }
}
