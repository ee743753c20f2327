import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, DISPOSITIONS, SEVERITIES, STATUSES } from '../ticket.types.js';

export class PersonRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class DepartmentRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class AddressView {
  @ApiProperty() community!: string;
  @ApiProperty({ nullable: true }) building!: string | null;
  @ApiProperty({ nullable: true }) unit!: string | null;
  @ApiProperty({ nullable: true }) room!: string | null;
}

export class ComplainantView {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Normalised; masked (138****5678) for HR' }) phone!: string;
  @ApiProperty({ type: AddressView }) address!: AddressView;
}

export class TicketView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ enum: DISPOSITIONS }) disposition!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: ComplainantView }) complainant!: ComplainantView;
  @ApiProperty() summary!: string;
  @ApiProperty() requests!: string;
  @ApiProperty({ type: PersonRefView, description: '首问负责人: fixed for good' }) firstResponder!: PersonRefView;
  @ApiProperty({ type: PersonRefView, description: 'The current responsible person' }) handler!: PersonRefView;
  @ApiProperty({ type: DepartmentRefView, description: 'The responsible department' }) department!: DepartmentRefView;
  @ApiPropertyOptional({ nullable: true }) referral!: { unit: string; writtenReplyRequested: boolean } | null;
  @ApiPropertyOptional({ nullable: true }) notReaccepted!: { earlierTicketId: string; reason: string } | null;
  @ApiPropertyOptional({ nullable: true }) appointmentAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) onTheSpotAnswer!: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) relatedTicketId!: string | null;
  @ApiProperty({ description: 'Repeat contacts (重复访) linked to this ticket' }) repeatCount!: number;
  @ApiProperty() reopenCount!: number;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() lastActivityAt!: string;
  @ApiPropertyOptional({ nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ description: 'Also sent as the ETag; send it back in If-Match' }) version!: number;
}

/**
 * What the desk tells a repeat caller about their open matter: enough to answer on the phone, nothing
 * of the resident or the handling beyond it (the ticket itself may be another department's).
 */
export class RepeatMatterView {
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ type: DepartmentRefView }) department!: DepartmentRefView;
  @ApiProperty({ description: 'The name of the person handling it' }) handlerName!: string;
  @ApiProperty({ nullable: true, description: 'The earliest running deadline (the answer is due by then); null when none runs' }) nextDueAt!: string | null;
}

export class IntakeResultView {
  @ApiProperty({ enum: ['created', 'repeat_contact'], description: '`repeat_contact`: linked to the open ticket instead of a new one (重复访)' })
  outcome!: 'created' | 'repeat_contact';
  @ApiProperty({
    type: TicketView,
    nullable: true,
    description: 'The new ticket, or the open ticket the call was linked to; null when that ticket is one the caller may not see (then `matter` says what to tell the resident)',
  })
  ticket!: TicketView | null;
  @ApiPropertyOptional({ type: RepeatMatterView, description: 'For a repeat contact: the matter as the desk may tell it to the resident' })
  matter?: RepeatMatterView;
}

export class HistoryView {
  @ApiProperty() id!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: PersonRefView, nullable: true, description: 'null: the system (scheduler)' }) actor!: PersonRefView | null;
  @ApiPropertyOptional({ nullable: true }) before!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true }) after!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true }) note!: string | null;
  @ApiProperty() at!: string;
}

export class HandoffView {
  @ApiProperty({ type: PersonRefView, nullable: true }) by!: PersonRefView | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) from!: PersonRefView | null;
  @ApiProperty({ type: PersonRefView }) to!: PersonRefView;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
  @ApiProperty() at!: string;
}

export class ReplyView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: PersonRefView }) author!: PersonRefView;
  @ApiProperty({ enum: ['reply', 'written'] }) kind!: string;
  @ApiProperty() via!: string;
  @ApiProperty() content!: string;
  @ApiProperty() final!: boolean;
  @ApiProperty() at!: string;
}

export class ContactView {
  @ApiProperty() id!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() complainantName!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: PersonRefView }) recordedBy!: PersonRefView;
  @ApiProperty() at!: string;
}

export class TicketDetailView extends TicketView {
  @ApiProperty({ type: HistoryView, isArray: true }) history!: HistoryView[];
  @ApiProperty({ type: HandoffView, isArray: true, description: 'The ownership trail: every assignment and handoff' }) ownership!: HandoffView[];
  @ApiProperty({ type: ReplyView, isArray: true }) replies!: ReplyView[];
  @ApiProperty({ type: ContactView, isArray: true }) repeatContacts!: ContactView[];
  @ApiProperty({ description: 'Sections other modules add (clocks, checklist…)', type: 'object', additionalProperties: true })
  sections!: Record<string, unknown>;
}

export class TicketPageView {
  @ApiProperty({ type: TicketView, isArray: true }) items!: TicketView[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `cursor` for the next page; null at the end' }) nextCursor!: string | null;
}
