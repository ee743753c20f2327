import { Module } from '@nestjs/common';
import { OrgController } from './org.controller.js';
import { OrgService } from './org.service.js';
import { OrgTerms } from './org-terms.service.js';
import { StaffDirectory } from './staff-directory.service.js';

@Module({
  controllers: [OrgController],
  providers: [OrgService, OrgTerms, StaffDirectory],
  exports: [OrgService, OrgTerms, StaffDirectory],
})
export class OrgModule {}
