import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgService } from '../org/org.service.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { TokenView } from './dto/login.dto.js';
import type { AccessClaims } from './session.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../common/password-hasher.js';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly staff: StaffDirectory,
    private readonly org: OrgService,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: SignInThrottle,
  ) {}

  /**
   * Checks the password, after the throttle has counted the attempt (429 when a limit is reached). The
   * token carries the account's token generation, so a later reset or deactivation ends it.
   */
  async login(usernameRaw: string, password: string, address: string): Promise<TokenView> {
    const username = usernameRaw.toLowerCase();
    const attempt = await this.throttle.begin(username, address);
    const staff = await this.staff.signInAccount(username);
    const ok = await verifyPassword(password, staff?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!staff || !ok) {
      await this.throttle.failed();
      // The username may be logged, the password never.
      this.logger.warn({ username, address }, 'failed sign-in');
      throw new DomainError(DomainErrorCode.InvalidCredentials, 'wrong username or password');
    }
    await this.throttle.succeeded(attempt);
    // iat/exp from the injected clock, so expiry follows the same time as everything else.
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: AccessClaims = { sub: staff.id, typ: 'access', gen: staff.tokenGeneration, iat, exp: iat + this.config.jwtTtlSeconds };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      expiresIn: this.config.jwtTtlSeconds,
      user: { id: staff.id, name: staff.name, username: staff.username, roles: staff.roles, departmentId: staff.departmentId },
    };
  }

  /** First start with no active admin: create one from ADMIN_USERNAME / ADMIN_PASSWORD, or a generated password printed once. */
  async ensureAdmin(): Promise<void> {
    if (await this.staff.hasActiveAdmin()) return;
    const username = this.config.admin.username.toLowerCase();
    const generated = !this.config.admin.password;
    const password = this.config.admin.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await this.org.ensureAdministrator(username, passwordHash);
    if (generated) {
      // Printed once, straight to the terminal, never through the logger.
      process.stdout.write(`\nAdministrator account created: username "${username}", password "${password}". Change it after signing in.\n\n`);
    } else {
      this.logger.log(`administrator account "${username}" created from ADMIN_USERNAME/ADMIN_PASSWORD`);
    }
  }
}
