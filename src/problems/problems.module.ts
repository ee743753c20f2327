import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ProblemsController } from './problems.controller.js';
import { ProblemsService } from './problems.service.js';

@Module({ imports: [TicketsModule], controllers: [ProblemsController], providers: [ProblemsService] })
export class ProblemsModule {}
