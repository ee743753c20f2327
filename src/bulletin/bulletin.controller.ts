import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../org/roles.decorator.js';
import { MONTH_PATTERN } from '../config/statistical-month.js';
import { ApiErrors } from '../common/http/api-docs.js';
import { attachment } from '../common/http/content-disposition.js';
import { invalidInput } from '../common/errors/domain-error.js';
import { BulletinQuery, type Bulletin } from './bulletin.query.js';
import { bulletinCsv, bulletinFileName, bulletinXlsx } from './bulletin-export.js';
import { BulletinFormatQuery, BulletinView } from './bulletin.view.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('bulletins')
@Controller('bulletins')
export class BulletinController {
  constructor(private readonly bulletins: BulletinQuery) {}

  @Get(':month')
  @Roles('manager', 'hr', 'admin')
  @ApiParam({
    name: 'month',
    description: 'Statistical month YYYY-MM',
    example: '2026-11',
    schema: { type: 'string', pattern: MONTH_PATTERN.source, maxLength: 7 },
  })
  @ApiOperation({
    summary: 'The monthly bulletin (通报) per department: JSON, CSV (UTF-8 BOM) or XLSX; departments below a target first',
    description:
      'Per department: answers within 24 hours and resolutions by their deadline, each judged against the original deadline (an extension never ' +
      'hides a late answer); extensions asked, approved, refused and their minutes; supervision orders on time; follow-up satisfaction; ' +
      'repeat contacts. A department below one of `bulletin.targets` is listed first, the targets named in `failedTargets`.',
  })
  @ApiExtraModels(BulletinView)
  @ApiResponse({
    status: 200,
    description: 'The bulletin as `format` asks: JSON, or a file to download (`Content-Disposition: attachment`)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BulletinView) } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: { 'Content-Disposition': { description: 'With CSV and XLSX: the file name', required: false, schema: { type: 'string', maxLength: 300 } } },
  })
  @ApiErrors(400)
  async month(@Param('month') month: string, @Query() q: BulletinFormatQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Bulletin | Buffer> {
    if (!MONTH_PATTERN.test(month)) throw invalidInput('month', 'must be YYYY-MM');
    const bulletin = await this.bulletins.month(month);
    if (q.format === 'csv' || q.format === 'xlsx') {
      const file = bulletinFileName(month, q.format);
      reply.header('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX);
      reply.header('Content-Disposition', attachment(file.name, file.ascii));
      return q.format === 'csv' ? bulletinCsv(bulletin) : bulletinXlsx(bulletin);
    }
    return bulletin;
  }
}
