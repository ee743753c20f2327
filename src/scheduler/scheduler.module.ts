import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { JointModule } from '../joint/joint.module.js';
import { AdminController } from './admin.controller.js';
import { SweepScheduler } from './scheduler.service.js';

@Module({
  imports: [SlaModule, NotificationsModule, SupervisionModule, DispatchModule, JointModule],
  controllers: [AdminController],
  providers: [SweepScheduler],
  exports: [SweepScheduler],
})
export class SchedulerModule {}
