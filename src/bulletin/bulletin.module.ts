import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { BulletinController } from './bulletin.controller.js';
import { BulletinQuery } from './bulletin.query.js';

/** Read side: the monthly bulletin (通报) that ranks departments against the policy's targets. It owns no table. */
@Module({ imports: [OrgModule], controllers: [BulletinController], providers: [BulletinQuery] })
export class BulletinModule {}
