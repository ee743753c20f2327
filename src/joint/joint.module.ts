import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { JointController } from './joint.controller.js';
import { JOINT_ENTITIES } from './joint.entities.js';
import { JointService } from './joint.service.js';

@Module({
  imports: [TypeOrmModule.forFeature(JOINT_ENTITIES), TicketsModule, OrgModule],
  controllers: [JointController],
  providers: [JointService],
})
export class JointModule {}
