import { Global, Module } from '@nestjs/common';
import { IdempotencyKeys } from './idempotency-keys.js';
import { IdempotentWork } from './idempotent-work.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IDEMPOTENCY_ENTITIES } from './idempotency.entities.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(IDEMPOTENCY_ENTITIES)],
  providers: [IdempotentWork, IdempotencyKeys],
  exports: [IdempotentWork, IdempotencyKeys],
})
export class IdempotencyModule {}
