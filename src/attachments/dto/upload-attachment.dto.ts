import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, registerDecorator } from 'class-validator';
import { EnumProperty } from '../../common/http/api-docs.js';
import { IsPaddedBase64 } from '../../common/http/base64.js';
import { ATTACHMENT_TYPES, type AttachmentType } from '../../config/policy.js';

/** The longest base64 text the largest file policy may allow (50 MiB) encodes to; the policy's own limit is checked on the bytes. */
const MAX_BASE64 = Math.ceil((50 * 1024 * 1024) / 3) * 4;

/** A file's own name: no folder (`/`, `\\`), no control characters; what the download is saved under. */
function IsFileName() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isFileName',
      target: target.constructor,
      propertyName,
      options: { message: 'fileName must be a name without folders or control characters' },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && ![...value].some((c) => c === '/' || c === '\\' || c.codePointAt(0)! < 0x20 || c === '\u007f'),
      },
    });
}

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
  @IsFileName()
  fileName!: string;

  @EnumProperty('AttachmentType', ATTACHMENT_TYPES, { description: 'The declared type; it must be what the content is', example: 'image/jpeg' })
  @IsIn(ATTACHMENT_TYPES)
  contentType!: AttachmentType;

  @ApiProperty({ format: 'byte', description: 'The file’s bytes, base64 (RFC 4648 §4, padded)', example: 'iVBORw0KGgo=' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BASE64)
  @IsPaddedBase64('contentBase64 must be base64 (RFC 4648, padded)')
  contentBase64!: string;

  @ApiPropertyOptional({ description: 'Attach to this reply of the ticket', example: '5b7d3c1e-2f4a-4e8b-9c6d-1a2b3c4d5e6f' })
  @IsOptional()
  @IsUUID()
  replyId?: string;
  @ApiPropertyOptional({ description: 'Attach to this follow-up visit of the ticket', example: '7e9f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b' })
  @IsOptional()
  @IsUUID()
  followUpId?: string;
}
