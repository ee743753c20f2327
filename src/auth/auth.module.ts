import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgModule } from '../org/org.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { jwtOptions } from './jwt-options.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUTH_ENTITIES } from './auth.entities.js';

@Module({
  imports: [
    TypeOrmModule.forFeature(AUTH_ENTITIES),
    OrgModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => jwtOptions(config.jwtSecret),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SignInThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, JwtModule],
})
export class AuthModule {}
