import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ChecklistController } from './checklist.controller.js';
import { ChecklistReactions } from './checklist-reactions.js';
import { ChecklistService } from './checklist.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CHECKLIST_ENTITIES } from './checklist.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(CHECKLIST_ENTITIES), OrgModule, TicketsModule],
  controllers: [ChecklistController],
  providers: [ChecklistService, ChecklistReactions],
  exports: [ChecklistService],
})
export class ChecklistModule {}
