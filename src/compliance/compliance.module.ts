import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { ComplianceController } from './compliance.controller.js';
import { ComplianceQuery } from './compliance.query.js';

/** Read side: the month's SLA compliance chart on the manager's board. */
@Module({ imports: [OrgModule], controllers: [ComplianceController], providers: [ComplianceQuery] })
export class ComplianceModule {}
