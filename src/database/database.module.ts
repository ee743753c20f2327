import { Global, Module } from '@nestjs/common';
import { UnitOfWork } from './unit-of-work.js';

/** The transaction helper every module's commands run in. */
@Global()
@Module({ providers: [UnitOfWork], exports: [UnitOfWork] })
export class DatabaseModule {}
