import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EnumProperty } from '../../common/http/api-docs.js';
import { ATTACHMENT_TYPES, type AttachmentType } from '../../config/policy.js';

/** The longest base64 text the largest file policy may allow (50 MiB) encodes to; the policy's own limit is checked on the bytes. */
const MAX_BASE64 = Math.ceil((50 * 1024 * 1024) / 3) * 4;

/**
 * One file as JSON: its name, its declared type and its bytes in base64. JSON rather than multipart keeps one
 * body format for the whole API (validation, Idempotency-Key replay, the hostile-input checks); the cost is a
 * third more bytes on the wire, and the upload route's body limit allows for it.
 */
export class UploadAttachmentDto {
  @ApiProperty({ description: 'The file’s name, without folders', example: '漏水照片.jpg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^[^/\\\u0000-\u001f\u007f]+$/, { message: 'fileName must be a name without folders or control characters' })
  fileName!: string;

  @EnumProperty('AttachmentType', ATTACHMENT_TYPES, { description: 'The declared type; it must be what the content is', example: 'image/jpeg' })
  @IsIn(ATTACHMENT_TYPES)
  contentType!: AttachmentType;

  @ApiProperty({ format: 'byte', description: 'The file’s bytes, base64 (RFC 4648 §4, padded)', example: 'iVBORw0KGgo=' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BASE64)
  @IsBase64(undefined, { message: 'contentBase64 must be base64 (RFC 4648, padded)' })
  contentBase64!: string;

  @ApiPropertyOptional({ description: 'Attach to this reply of the ticket' }) @IsOptional() @IsUUID() replyId?: string;
  @ApiPropertyOptional({ description: 'Attach to this follow-up visit of the ticket' }) @IsOptional() @IsUUID() followUpId?: string;
}
