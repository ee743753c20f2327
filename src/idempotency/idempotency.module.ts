import { Global, Module } from '@nestjs/common';
import { IdempotencyKeys } from './idempotency-keys.js';
import { IdempotentWork } from './idempotent-work.js';

@Global()
@Module({ providers: [IdempotentWork, IdempotencyKeys], exports: [IdempotentWork, IdempotencyKeys] })
export class IdempotencyModule {}
