import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../auth/roles.decorator.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { CreateDepartmentDto, DepartmentView, UpdateDepartmentDto } from './dto/department.dto.js';
import { CreateStaffDto, StaffView, UpdateStaffDto } from './dto/staff.dto.js';
import { OrgService } from './org.service.js';

@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('departments')
  @AnyRole()
  @ApiOperation({ summary: 'List departments with their supervisors' })
  @ApiOkResponse({ type: DepartmentView, isArray: true })
  listDepartments(): Promise<DepartmentView[]> {
    return this.org.listDepartments();
  }

  @Get('departments/:id')
  @AnyRole()
  @ApiOkResponse({ type: DepartmentView })
  getDepartment(@Param('id', UuidParam) id: string): Promise<DepartmentView> {
    return this.org.getDepartment(id);
  }

  @Post('departments')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a department (the supervisor is set once it has members)' })
  @ApiOkResponse({ type: DepartmentView })
  createDepartment(@Body() dto: CreateDepartmentDto): Promise<DepartmentView> {
    return this.org.createDepartment(dto);
  }

  @Patch('departments/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a department or appoint its supervisor' })
  @ApiOkResponse({ type: DepartmentView })
  updateDepartment(@Param('id', UuidParam) id: string, @Body() dto: UpdateDepartmentDto): Promise<DepartmentView> {
    return this.org.updateDepartment(id, dto);
  }

  @Get('staff')
  @AnyRole()
  @ApiOperation({ summary: 'List staff (for handoffs and administration)' })
  @ApiQuery({ name: 'departmentId', required: false })
  @ApiOkResponse({ type: StaffView, isArray: true })
  listStaff(@Query('departmentId') departmentId?: string): Promise<StaffView[]> {
    if (departmentId !== undefined) new UuidParam().transform(departmentId, { type: 'query', data: 'departmentId' });
    return this.org.listStaff({ departmentId });
  }

  @Get('staff/:id')
  @AnyRole()
  @ApiOkResponse({ type: StaffView })
  getStaff(@Param('id', UuidParam) id: string): Promise<StaffView> {
    return this.org.getStaff(id);
  }

  @Post('staff')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a staff account with its initial password' })
  @ApiOkResponse({ type: StaffView })
  createStaff(@Body() dto: CreateStaffDto): Promise<StaffView> {
    return this.org.createStaff(dto);
  }

  @Patch('staff/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change name, department, roles, password or active state' })
  @ApiOkResponse({ type: StaffView })
  updateStaff(@Param('id', UuidParam) id: string, @Body() dto: UpdateStaffDto): Promise<StaffView> {
    return this.org.updateStaff(id, dto);
  }
}
