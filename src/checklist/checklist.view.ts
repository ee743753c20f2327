import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, TimeProperty } from '../common/http/api-docs.js';
import { PersonRefView } from '../tickets/dto/ticket.view.js';
import { CHECKLIST_ITEMS, type ChecklistItem } from './checklist.entity.js';

export class TickView {
  @ApiProperty({ type: PersonRefView, nullable: true, description: 'null: ticked by the system' }) by!: PersonRefView | null;
  @TimeProperty() at!: string;
  @ApiProperty({ description: 'The evidence' }) note!: string;
  @ApiProperty({
    description:
      '`manual`, `intake` (听清楚/问清楚 confirmed by the first responder while recording), or what ticked it automatically (a final reply, the resolution, the written report to leaders)',
  })
  source!: string;
}

export class ChecklistItemView {
  @EnumProperty('ChecklistItem', CHECKLIST_ITEMS) item!: ChecklistItem;
  @ApiProperty({ example: '听清楚' }) name!: string;
  @ApiProperty({ type: TickView, nullable: true, description: 'null while the item is open' }) ticked!: TickView | null;
}

export class ClosingRequirementsView {
  @ApiProperty({ description: 'A promised reply time is needed (major complaint)' }) promisedReplyTime!: boolean;
  @ApiProperty({ description: 'A written answer is needed (written complaint, or asked for)' }) writtenAnswer!: boolean;
  @ApiProperty({ description: 'A follow-up visit is needed before closing' }) followUp!: boolean;
}

/** The five clears and one report (第七条) of a ticket and what still keeps it from closing. */
export class ChecklistView {
  @ApiProperty({ type: ChecklistItemView, isArray: true }) items!: ChecklistItemView[];
  @ApiProperty({ type: ClosingRequirementsView }) requirements!: ClosingRequirementsView;
  @ApiProperty({ type: String, isArray: true, description: 'What is still open, e.g. `checklist.report`, `promised_reply_time`' }) missing!: string[];
}
