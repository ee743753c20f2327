import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { Staff } from '../org/staff.entity.js';
import type { TokenView } from './dto/login.dto.js';
import { LoginAttempt } from './login-attempt.entity.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password-hasher.js';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Checks the password; repeated failures for one username within the window are refused with 429. */
  async login(usernameRaw: string, password: string, ip: string | null): Promise<TokenView> {
    const username = usernameRaw.toLowerCase();
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.policy.auth.failedLoginWindowMinutes * 60_000);
    const attempts = this.db.getRepository(LoginAttempt);
    const failures = await attempts.count({ where: { username, attemptedAt: MoreThan(windowStart) } });
    if (failures >= this.policy.auth.maxFailedLogins) {
      const window = this.policy.auth.failedLoginWindowMinutes;
      throw new DomainError(DomainErrorCode.LoginThrottled, `too many failed sign-ins; try again in ${window} minutes`, undefined, window * 60);
    }
    const staff = await this.db.getRepository(Staff).findOne({
      where: { username, active: true },
      select: { id: true, name: true, username: true, roles: true, departmentId: true, passwordHash: true },
    });
    const ok = await verifyPassword(password, staff?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!staff || !ok) {
      await attempts.insert({ username, ip, attemptedAt: now });
      await attempts.delete({ username, attemptedAt: LessThan(windowStart) });
      this.logger.warn({ username, ip }, 'failed sign-in');
      throw new DomainError(DomainErrorCode.InvalidCredentials, 'wrong username or password');
    }
    await attempts.delete({ username });
    // iat/exp from the injected clock, so expiry follows the same time as everything else.
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = await this.jwt.signAsync({ sub: staff.id, typ: 'access', iat, exp: iat + this.config.jwtTtlSeconds });
    return {
      accessToken,
      expiresIn: this.config.jwtTtlSeconds,
      user: { id: staff.id, name: staff.name, username: staff.username, roles: staff.roles, departmentId: staff.departmentId },
    };
  }

  /** First start with no active admin: create one from ADMIN_USERNAME / ADMIN_PASSWORD, or a generated password printed once. */
  async ensureAdmin(): Promise<void> {
    const exists = await this.db
      .getRepository(Staff)
      .createQueryBuilder('s')
      .where(`s.active AND 'admin' = ANY(s.roles)`)
      .getExists();
    if (exists) return;
    const username = this.config.admin.username.toLowerCase();
    const generated = !this.config.admin.password;
    const password = this.config.admin.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await this.db.query(
      `INSERT INTO staff (name, username, password_hash, roles, active) VALUES ($1, $2, $3, '{admin}', true)
       ON CONFLICT (username) DO UPDATE SET roles = array(SELECT DISTINCT unnest(staff.roles || '{admin}'::text[])), active = true, password_hash = EXCLUDED.password_hash`,
      ['系统管理员', username, passwordHash],
    );
    if (generated) {
      // Printed once, straight to the terminal, never through the logger.
      process.stdout.write(`\nAdministrator account created: username "${username}", password "${password}". Change it after signing in.\n\n`);
    } else {
      this.logger.log(`administrator account "${username}" created from ADMIN_USERNAME/ADMIN_PASSWORD`);
    }
  }
}
