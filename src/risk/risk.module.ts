import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { RiskController } from './risk.controller.js';
import { RiskQuery } from './risk.query.js';

/** Read side: the overreach risk score (第十条) of open tickets. */
@Module({ imports: [OrgModule], controllers: [RiskController], providers: [RiskQuery], exports: [RiskQuery] })
export class RiskModule {}
