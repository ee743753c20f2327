import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './app-config.js';
import { CONFIG_ENTITIES } from './config.entities.js';
import type { Policy } from './policy.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const POLICY = Symbol('POLICY');

/** Provides the validated environment settings and policy, loaded once before the container starts. */
@Global()
@Module({})
export class PolicyConfigModule {
  static forRoot(config: AppConfig, policy: Policy): DynamicModule {
    return {
      module: PolicyConfigModule,
      imports: [TypeOrmModule.forFeature(CONFIG_ENTITIES)],
      providers: [
        { provide: APP_CONFIG, useValue: Object.freeze(config) },
        { provide: POLICY, useValue: deepFreeze(policy) },
      ],
      exports: [APP_CONFIG, POLICY],
    };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
