import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import { ATTACHMENT_TYPES, type AttachmentType } from '../config/policy.js';
import { PersonRefView } from '../tickets/dto/ticket.view.js';

/** The facts of one attached file (第一篇 二.3); its bytes come from the download route. */
export class AttachmentView {
  @IdProperty() id!: string;
  @IdProperty() ticketId!: string;
  @IdProperty({ nullable: true, description: 'The reply it was attached to, if any' }) replyId!: string | null;
  @IdProperty({ nullable: true, description: 'The follow-up visit it was attached to, if any' }) followUpId!: string | null;
  @ApiProperty({ maxLength: 200, description: 'The name it was uploaded under (phone numbers masked for HR)', example: '漏水照片.jpg' }) fileName!: string;
  @EnumProperty('AttachmentType', ATTACHMENT_TYPES, { description: 'What the content was recognised as (magic bytes)' }) contentType!: AttachmentType;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, description: 'Bytes' }) size!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', maxLength: 64, description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ type: PersonRefView }) uploadedBy!: PersonRefView;
  @TimeProperty() uploadedAt!: string;
  @ApiProperty({ description: 'false: the caller sees the file’s facts, not its content (HR: residents’ data masked)' }) contentVisible!: boolean;
}

/** A ticket's files, oldest first, with the limits that apply to the next upload. */
export class AttachmentListView {
  @ApiProperty({ type: AttachmentView, isArray: true, maxItems: 500 }) items!: AttachmentView[];
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Files a ticket may hold (policy `attachments.maxFilesPerTicket`)' }) maxFiles!: number;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Largest file in bytes (policy `attachments.maxBytes`)' }) maxBytes!: number;
  @EnumProperty('AttachmentType', ATTACHMENT_TYPES, { isArray: true, description: 'Types accepted (policy `attachments.allowedTypes`)' })
  allowedTypes!: AttachmentType[];
}
