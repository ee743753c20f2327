import { Global, Module } from '@nestjs/common';
import { IdempotencyKeys } from './idempotency-keys.js';
import { UnitOfWork } from './unit-of-work.js';

@Global()
@Module({ providers: [UnitOfWork, IdempotencyKeys], exports: [UnitOfWork, IdempotencyKeys] })
export class IdempotencyModule {}
