import { Module } from '@nestjs/common';
import { OrgController } from './org.controller.js';
import { OrgService } from './org.service.js';
import { OrgTerms } from './org-terms.service.js';
import { StaffDirectory } from './staff-directory.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ORG_ENTITIES } from './org.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(ORG_ENTITIES)],
  controllers: [OrgController],
  providers: [OrgService, OrgTerms, StaffDirectory],
  exports: [OrgService, OrgTerms, StaffDirectory],
})
export class OrgModule {}
