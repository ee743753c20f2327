import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import { STATUSES } from '../tickets/ticket.types.js';
import { VERDICTS, type Verdict } from './follow-up.entity.js';

/** A recorded follow-up visit (回访) and what it did to the ticket. */
export class FollowUpResult {
  @IdProperty() id!: string;
  @EnumProperty('FollowUpVerdict', VERDICTS) verdict!: Verdict;
  @ApiProperty({ type: 'integer', description: 'Which attempt since the resolution this was' }) attempt!: number;
  @EnumProperty('TicketStatus', STATUSES, { description: '`open` again when the resident was dissatisfied (重办)' }) ticketStatus!: string;
  @TimeProperty() at!: string;
}
