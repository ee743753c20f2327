import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import { JOINT_TASK_STATUSES, type JointTaskStatus } from './joint-task.entity.js';

export class JointDepartmentRef {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
}

export class JointPersonRef {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
}

/** A co-department's task on a ticket (联合办理). */
export class JointTaskView {
  @IdProperty() id!: string;
  @IdProperty() ticketId!: string;
  @ApiProperty({ type: JointDepartmentRef, description: 'The co-department' }) department!: JointDepartmentRef;
  @ApiProperty({ description: 'What the co-department must do' }) task!: string;
  @TimeProperty() dueAt!: string;
  @ApiProperty({ type: JointPersonRef, nullable: true, description: "Assigned by the co-department's supervisor" }) handler!: JointPersonRef | null;
  @EnumProperty('JointTaskStatus', JOINT_TASK_STATUSES) status!: JointTaskStatus;
  @TimeProperty({ nullable: true }) signedOffAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) signOffNote!: string | null;
  @ApiProperty({ description: 'The due time passed before the sign-off (recorded, never cleared)' }) breached!: boolean;
  @ApiProperty({ type: 'integer', description: '0; 1 once escalated to the co-department’s supervisor; 2 to company leaders (policy `escalation`)' })
  escalationLevel!: number;
}
