import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, IdProperty, NextCursorProperty, TimeProperty } from '../../common/http/api-docs.js';
import { APPOINTMENT_STATES, CHANNELS, DISPOSITIONS, SEVERITIES, STATUSES, TICKET_KINDS } from '../ticket.types.js';
import { FORBIDDEN_CATEGORIES } from '../service-language.js';
import { REPLY_VIA } from './ticket-actions.dto.js';

export class PersonRefView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
}

export class DepartmentRefView {
  @IdProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class AddressView {
  @ApiProperty() community!: string;
  @ApiProperty({ type: String, nullable: true }) building!: string | null;
  @ApiProperty({ type: String, nullable: true }) unit!: string | null;
  @ApiProperty({ type: String, nullable: true }) room!: string | null;
  /** The register's place the address names (GET /places); null for free text, and for a masked viewer (it names the home). */
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) placeId!: string | null;
}

export class ComplainantView {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Normalised; masked (138****5678) for HR' }) phone!: string;
  @ApiProperty({ type: AddressView }) address!: AddressView;
}

export class ReferralView {
  @ApiProperty({ description: 'The responsible unit the matter belongs to' }) unit!: string;
  @ApiProperty() writtenReplyRequested!: boolean;
}

export class NotReacceptedView {
  @IdProperty() earlierTicketId!: string;
  @ApiProperty() reason!: string;
}

export class TicketView {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @EnumProperty('TicketKind', TICKET_KINDS, { description: '第三条: complaint (投诉), suggestion (建议) or enquiry (咨询)' }) kind!: string;
  @EnumProperty('Channel', CHANNELS) channel!: string;
  @EnumProperty('TicketStatus', STATUSES) status!: string;
  @EnumProperty('Disposition', DISPOSITIONS) disposition!: string;
  @EnumProperty('Severity', SEVERITIES) severity!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: ComplainantView }) complainant!: ComplainantView;
  @ApiProperty() summary!: string;
  @ApiProperty() requests!: string;
  @ApiProperty({
    type: PersonRefView,
    description: '首问负责人: fixed for good (an online complaint under resident.firstResponder.mode first_claim: once, by its claim)',
  })
  firstResponder!: PersonRefView;
  @ApiProperty({ type: PersonRefView, description: 'The current responsible person' }) handler!: PersonRefView;
  @ApiProperty({ type: DepartmentRefView, description: 'The responsible department' }) department!: DepartmentRefView;
  @ApiProperty({ type: ReferralView, nullable: true, description: 'Set when the disposition is referred_out' }) referral!: ReferralView | null;
  @ApiProperty({ type: NotReacceptedView, nullable: true, description: 'Set when the disposition is not_reaccepted' }) notReaccepted!: NotReacceptedView | null;
  @TimeProperty({ nullable: true, description: 'The agreed appointment (约谈) time, for disposition appointment' }) appointmentAt!: string | null;
  @EnumProperty('AppointmentState', APPOINTMENT_STATES, { nullable: true, description: 'Where the appointment stands; null for other dispositions' })
  appointmentState!: string | null;
  @ApiProperty({ type: String, nullable: true }) onTheSpotAnswer!: string | null;
  @IdProperty({ nullable: true }) relatedTicketId!: string | null;
  @ApiProperty({ type: 'integer', description: 'Repeat contacts (重复访) linked to this ticket' }) repeatCount!: number;
  @ApiProperty({ type: 'integer' }) reopenCount!: number;
  @TimeProperty() receivedAt!: string;
  @TimeProperty() registeredAt!: string;
  @TimeProperty() lastActivityAt!: string;
  @TimeProperty({ nullable: true }) resolvedAt!: string | null;
  @TimeProperty({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Also sent as the ETag; send it back in If-Match' }) version!: number;
}

/**
 * What the desk tells a repeat caller about their open matter: enough to answer on the phone, nothing
 * of the resident or the handling beyond it (the ticket itself may be another department's).
 */
export class RepeatMatterView {
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @EnumProperty('TicketStatus', STATUSES) status!: string;
  @ApiProperty({ type: DepartmentRefView }) department!: DepartmentRefView;
  @ApiProperty({ description: 'The name of the person handling it' }) handlerName!: string;
  @TimeProperty({ nullable: true, description: 'The earliest running deadline (the answer is due by then); null when none runs' }) nextDueAt!: string | null;
}

export class IntakeResultView {
  @EnumProperty('IntakeOutcome', ['created', 'repeat_contact'], { description: '`repeat_contact`: linked to the open ticket instead of a new one (重复访)' })
  outcome!: 'created' | 'repeat_contact';
  @ApiProperty({
    type: TicketView,
    nullable: true,
    description:
      'The new ticket, or the open ticket the call was linked to; null when that ticket is one the caller may not see (then `matter` says what to tell the resident)',
  })
  ticket!: TicketView | null;
  @ApiProperty({ type: RepeatMatterView, required: false, description: 'For a repeat contact: the matter as the desk may tell it to the resident' })
  matter?: RepeatMatterView;
}

export class HistoryView {
  @ApiProperty({ description: 'Sequence number of the history row' }) id!: string;
  @ApiProperty({ description: 'What happened: received, assigned, handed_off, replied, clock_breached…' }) action!: string;
  @ApiProperty({ type: PersonRefView, nullable: true, description: 'null: the system (scheduler)' }) actor!: PersonRefView | null;
  // The fields an action changed, before and after: which ones depends on the action, so an open map.
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @TimeProperty() at!: string;
}

export class HandoffView {
  @ApiProperty({ type: PersonRefView, nullable: true }) by!: PersonRefView | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) from!: PersonRefView | null;
  @ApiProperty({ type: PersonRefView }) to!: PersonRefView;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @TimeProperty() at!: string;
}

export class LanguageFlagView {
  @ApiProperty({ example: '不归我管' }) expression!: string;
  @EnumProperty('ForbiddenCategory', FORBIDDEN_CATEGORIES, { nullable: true, description: 'null for a reply flagged before categories were kept' })
  category!: string | null;
}

export class ReplyView {
  @IdProperty() id!: string;
  @ApiProperty({ type: PersonRefView }) author!: PersonRefView;
  @EnumProperty('ReplyKind', ['reply', 'written']) kind!: string;
  @EnumProperty('ReplyVia', REPLY_VIA) via!: string;
  @ApiProperty() content!: string;
  @ApiProperty() final!: boolean;
  @ApiProperty({
    type: LanguageFlagView,
    isArray: true,
    description: '员工文明服务要求 2.②: forbidden expressions in a reply that was kept (spoken), flagged for the supervisor; empty when none',
  })
  languageFlags!: LanguageFlagView[];
  @TimeProperty() at!: string;
}

export class ContactView {
  @IdProperty() id!: string;
  @EnumProperty('Channel', CHANNELS) channel!: string;
  @ApiProperty() complainantName!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: PersonRefView }) recordedBy!: PersonRefView;
  @TimeProperty() at!: string;
}

export class TicketDetailView extends TicketView {
  @ApiProperty({ type: HistoryView, isArray: true }) history!: HistoryView[];
  @ApiProperty({ type: HandoffView, isArray: true, description: 'The ownership trail: every assignment and handoff' }) ownership!: HandoffView[];
  @ApiProperty({ type: ReplyView, isArray: true }) replies!: ReplyView[];
  @ApiProperty({ type: ContactView, isArray: true }) repeatContacts!: ContactView[];
  // Each module that reacts to tickets adds its own section (clocks, checklist, follow-ups…): an open map.
  @ApiProperty({ description: 'Sections other modules add (clocks, checklist, follow-ups…), by module', type: 'object', additionalProperties: true })
  sections!: Record<string, unknown>;
}

export class TicketPageView {
  @ApiProperty({ type: TicketView, isArray: true }) items!: TicketView[];
  @NextCursorProperty() nextCursor!: string | null;
}
