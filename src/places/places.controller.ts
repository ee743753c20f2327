import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import { invalidInput } from '../common/errors/domain-error.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { PlaceRegister } from './place-register.service.js';
import { CreatePlaceDto, PlaceImportSummary, PlacesQuery, PlaceView, UpdatePlaceDto } from './place.view.js';
import { PLACES_IMPORT_ROUTE } from './places-import-route.js';

@ApiTags('places')
@Controller('places')
export class PlacesController {
  constructor(private readonly register: PlaceRegister) {}

  @Get()
  @Roles('staff', 'supervisor', 'manager', 'admin')
  @ApiEndpoint(
    'Type-ahead over the active places (小区/楼栋/单元/房号; with inactive=true the deactivated ones too): part of a name or path, or pinyin initials (ygh → 阳光花园), each with its full path',
    {
      ok: [PlaceView],
      errors: [400],
    },
  )
  search(@Query() q: PlacesQuery): Promise<PlaceView[]> {
    return this.register.search(q.q, q.limit, undefined, q.inactive === 'true');
  }

  @Post()
  @Roles('admin')
  @IdempotencyHeader()
  @ApiEndpoint('Register a place under its parent (a building in a community, a unit in a building, a room in a unit or building)', {
    created: PlaceView,
    errors: [400, 403, 404, 422],
  })
  create(@Body() dto: CreatePlaceDto, @CurrentUser() user: Principal, @Idempotency() idempotency: IdempotencyScope | undefined): Promise<PlaceView> {
    return this.register.create(dto, user, idempotency);
  }

  @Patch(':id')
  @Roles('admin')
  @IdempotencyHeader()
  @ApiEndpoint('Rename a place (the paths under it follow), deactivate or reactivate it with everything under it', {
    ok: PlaceView,
    errors: [400, 403, 404, 422],
  })
  update(
    @IdParam() id: string,
    @Body() dto: UpdatePlaceDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<PlaceView> {
    return this.register.update(id, dto, user, idempotency);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @RouteConfig({ [PLACES_IMPORT_ROUTE]: true })
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'CSV, UTF-8: columns 小区,楼栋,单元,房号 (a header line naming them is skipped); 单元 may be empty for a building without units',
    required: true,
    schema: { type: 'string', example: '小区,楼栋,单元,房号\n阳光花园,3栋,2单元,501\n' },
  })
  @ApiEndpoint(
    'Import the register from CSV, all or nothing: a 400 names every line at fault (details.lines); lines already registered add nothing, so the same file imported again adds nothing',
    { ok: PlaceImportSummary, errors: [400, 403, 413, 415] },
  )
  import(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @CurrentUser() user: Principal): Promise<PlaceImportSummary> {
    // A JSON string is a string too: only a body sent as text/csv is read as the register.
    if (typeof body !== 'string' || !/^text\/csv\b/i.test(contentType ?? '')) throw invalidInput('(body)', 'must be CSV text (Content-Type: text/csv)');
    return this.register.import(body, user);
  }
}
