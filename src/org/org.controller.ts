import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from './roles.decorator.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { CreateDepartmentDto, DepartmentView, UpdateDepartmentDto } from './dto/department.dto.js';
import { CreateStaffDto, StaffListQuery, StaffView, UpdateStaffDto } from './dto/staff.dto.js';
import { OrgService } from './org.service.js';

@ApiTags('org')
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('departments')
  @AnyRole()
  @ApiEndpoint('List departments with their supervisors', { ok: [DepartmentView] })
  listDepartments(): Promise<DepartmentView[]> {
    return this.org.listDepartments();
  }

  @Get('departments/:id')
  @AnyRole()
  @ApiEndpoint('A department with its supervisor', { ok: DepartmentView, errors: [400, 404] })
  getDepartment(@IdParam() id: string): Promise<DepartmentView> {
    return this.org.getDepartment(id);
  }

  @Post('departments')
  @Roles('admin')
  @ApiEndpoint('Create a department (the supervisor is set once it has members)', { created: DepartmentView, errors: [409] })
  createDepartment(@Body() dto: CreateDepartmentDto): Promise<DepartmentView> {
    return this.org.createDepartment(dto);
  }

  @Patch('departments/:id')
  @Roles('admin')
  @ApiEndpoint('Rename a department or appoint its supervisor', { ok: DepartmentView, errors: [404, 422] })
  updateDepartment(@IdParam() id: string, @Body() dto: UpdateDepartmentDto): Promise<DepartmentView> {
    return this.org.updateDepartment(id, dto);
  }

  @Get('staff')
  @AnyRole()
  @ApiEndpoint('List staff (for handoffs and administration)', { ok: [StaffView], errors: [400] })
  listStaff(@Query() q: StaffListQuery): Promise<StaffView[]> {
    return this.org.listStaff({ departmentId: q.departmentId });
  }

  @Get('staff/:id')
  @AnyRole()
  @ApiEndpoint('A staff account with its department and roles', { ok: StaffView, errors: [400, 404] })
  getStaff(@IdParam() id: string): Promise<StaffView> {
    return this.org.getStaff(id);
  }

  @Post('staff')
  @Roles('admin')
  @ApiEndpoint('Create a staff account with its initial password', { created: StaffView, errors: [409] })
  createStaff(@Body() dto: CreateStaffDto): Promise<StaffView> {
    return this.org.createStaff(dto);
  }

  @Patch('staff/:id')
  @Roles('admin')
  @ApiEndpoint('Change name, employee number (工号), department, roles, password or active state', { ok: StaffView, errors: [404, 409, 422] })
  updateStaff(@IdParam() id: string, @Body() dto: UpdateStaffDto): Promise<StaffView> {
    return this.org.updateStaff(id, dto);
  }
}
