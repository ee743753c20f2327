import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { attachment as contentDisposition } from '../common/http/content-disposition.js';
import { ApiContentResponse, ApiEndpoint, ApiErrors, ERROR_BODY_REF } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { ATTACHMENT_TYPES } from '../config/policy.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';
import { AttachmentListView, AttachmentView } from './attachment.view.js';
import { AttachmentsService } from './attachments.service.js';
import { UploadAttachmentDto } from './dto/upload-attachment.dto.js';
import { downloadName, EXTENSIONS } from './file-type.js';
import { UPLOAD_ROUTE } from './upload-body-limit.js';

const DOWNLOAD_HEADERS = {
  'Content-Disposition': {
    description: 'Always `attachment`, with the file name (RFC 6266, UTF-8 per RFC 5987): a file is saved, never shown in the browser',
    required: true,
    schema: { type: 'string', maxLength: 1000 },
  },
  'X-Content-Type-Options': {
    description: '`nosniff`: the browser keeps to Content-Type',
    required: true,
    schema: { type: 'string', maxLength: 7, example: 'nosniff' },
  },
};

@ApiTags('attachments')
@Controller('tickets/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles(...TICKET_ACTORS)
  @IdempotencyHeader()
  @RouteConfig({ [UPLOAD_ROUTE]: true })
  @ApiEndpoint('Attach a photo or document the resident handed in (第一篇 二.3), to the ticket or one of its replies or follow-up visits', {
    description:
      'JSON with the file in base64. The content decides the type (magic bytes: JPEG, PNG, WebP, PDF as shipped; policy `attachments`), and the declared ' +
      'type must agree. Refusals name the limit: `attachment.max_bytes`, `attachment.max_files`, `attachment.type_not_allowed`, `attachment.type_mismatch` ' +
      '(422). A body beyond the upload limit (the largest file in base64, plus room for the other fields) is 413. The upload is a row of the ticket’s history.',
    created: AttachmentView,
    errors: [404, 409, 422],
  })
  @ApiResponse({
    status: 413,
    description: 'The body is larger than the upload limit: the largest file of `attachments.maxBytes` in base64, plus 64 KiB',
    schema: { $ref: ERROR_BODY_REF },
  })
  upload(
    @IdParam() id: string,
    @Body() dto: UploadAttachmentDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<AttachmentView> {
    return this.attachments.upload(id, dto, user, idempotency);
  }

  @Get()
  @Roles('staff', 'supervisor', 'manager', 'hr', 'admin')
  @ApiEndpoint('The files attached to a ticket, their facts only (第一篇 二.3)', { ok: AttachmentListView, errors: [404] })
  list(@IdParam() id: string, @CurrentUser() user: Principal): Promise<AttachmentListView> {
    return this.attachments.list(id, user);
  }

  @Get(':attachmentId')
  @Roles('staff', 'supervisor', 'manager', 'hr', 'admin')
  @ApiOperation({
    summary: 'Download one attached file; the download is recorded in the ticket’s history first',
    description:
      'Sent as `Content-Disposition: attachment` with the type its content was recognised as and `X-Content-Type-Options: nosniff`, so an uploaded ' +
      'file is never rendered by the browser. 404 for an attachment of another ticket; 403 (`attachment.content_masked`) for HR unless policy ' +
      '`attachments.hrSeesContent` lets HR see content.',
  })
  @ApiContentResponse('The file', Object.fromEntries(ATTACHMENT_TYPES.map((type) => [type, { binary: true }])), DOWNLOAD_HEADERS)
  @ApiErrors(403, 404)
  async download(
    @IdParam() id: string,
    @IdParam('attachmentId') attachmentId: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { attachment, content } = await this.attachments.download(id, attachmentId, user);
    const name = downloadName(attachment.fileName, attachment.contentType);
    reply.header('Content-Type', attachment.contentType);
    reply.header('Content-Disposition', contentDisposition(name, `attachment-${attachment.id.slice(0, 8)}.${EXTENSIONS[attachment.contentType][0]}`));
    reply.header('X-Content-Type-Options', 'nosniff');
    // Opened directly, the answer may run nothing and load nothing; it is private to the caller.
    reply.header('Content-Security-Policy', "default-src 'none'; sandbox");
    reply.header('Cache-Control', 'private, no-store');
    return content;
  }
}
