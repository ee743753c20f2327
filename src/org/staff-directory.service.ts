import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { Staff } from './staff.entity.js';

/** Read access to staff for other modules (auth, tickets, sla), so none of them touches org tables. */
@Injectable()
export class StaffDirectory {
  constructor(private readonly db: DataSource) {}

  async principal(id: string): Promise<Principal | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const staff = await this.db.getRepository(Staff).findOne({
      where: { id, active: true },
      select: { id: true, username: true, name: true, roles: true, departmentId: true },
    });
    return staff ? { id: staff.id, username: staff.username, name: staff.name, roles: staff.roles, departmentId: staff.departmentId } : null;
  }
}
