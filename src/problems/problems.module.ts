import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ProblemsController } from './problems.controller.js';
import { ProblemsService } from './problems.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PROBLEMS_ENTITIES } from './problems.entities.js';

@Module({ imports: [TypeOrmModule.forFeature(PROBLEMS_ENTITIES), TicketsModule], controllers: [ProblemsController], providers: [ProblemsService] })
export class ProblemsModule {}
