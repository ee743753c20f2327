import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { clientAddress } from '../auth/client-address.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Public, Roles } from '../org/roles.decorator.js';
import type { TicketView } from '../tickets/dto/ticket.view.js';
import { CommandScope, TICKET_ACTORS, TicketCommand } from '../tickets/ticket-command.decorator.js';
import type { CommandOptions } from '../tickets/tickets.service.js';
import {
  FileComplaintDto,
  FilingResultView,
  RateDto,
  RatingResultView,
  ResidentFormView,
  ResidentPlacesQuery,
  ResidentPlaceView,
  TrackingTokenDto,
  TrackingView,
} from './dto/file-complaint.dto.js';
import { ResidentClaims } from './resident-claims.service.js';
import { ResidentFiling } from './resident-filing.service.js';
import { ResidentPlaces } from './resident-places.js';
import { ResidentTracking } from './resident-tracking.service.js';
import { RESIDENT_FILING_ROUTE } from './resident-body-limit.js';

/**
 * The residents' page's API (/public/…): no staff token is read here (an Authorization header is ignored, so a
 * staff session is never used nor shown), and the tracking token travels in the body, never in a logged URL.
 */
@ApiTags('residents')
@Controller('public')
export class ResidentsController {
  constructor(
    private readonly filing: ResidentFiling,
    private readonly tracking: ResidentTracking,
    private readonly places: ResidentPlaces,
  ) {}

  @Get('places')
  @Public()
  @ApiEndpoint('Type-ahead of the place register for the residents’ page: communities and buildings only, at most 10, rate-limited', {
    ok: [ResidentPlaceView],
    errors: [400, 429],
  })
  searchPlaces(@Query() query: ResidentPlacesQuery, @Req() request: FastifyRequest): Promise<ResidentPlaceView[]> {
    return this.places.search(query.q, clientAddress(request.ip));
  }

  @Get('resident-form')
  @Public()
  @ApiEndpoint('What the residents’ page needs to file: categories, the consent text and its version, the photo limits', { ok: ResidentFormView })
  form(): Promise<ResidentFormView> {
    return this.filing.form();
  }

  @Post('complaints')
  @Public()
  @RouteConfig({ [RESIDENT_FILING_ROUTE]: true })
  @ApiEndpoint('File a complaint online (channel online), with explicit consent (个人信息保护法); answers the reference and the private tracking token once', {
    created: FilingResultView,
    errors: [400, 413, 422, 429],
    description:
      'Rate-limited per client address and per phone (`resident.throttle`); the same phone, category and description within `resident.duplicateWindowMinutes` is a repeat contact on the first ticket.',
  })
  file(@Body() dto: FileComplaintDto, @Req() request: FastifyRequest): Promise<FilingResultView> {
    return this.filing.file(dto, clientAddress(request.ip));
  }

  @Post('tracking')
  @Public()
  @HttpCode(200)
  @ApiEndpoint('The tracking page: status, department in charge, promised reply time and the answers given; 404 for any token that does not open it', {
    ok: TrackingView,
    errors: [400, 404, 429],
  })
  track(@Body() dto: TrackingTokenDto, @Req() request: FastifyRequest): Promise<TrackingView> {
    return this.tracking.view(dto.token, clientAddress(request.ip));
  }

  @Post('tracking/rating')
  @Public()
  @HttpCode(200)
  @ApiEndpoint('回访 in one tap after resolution (满意 / 基本满意 / 不满意): a follow-up with contact online; 不满意 reopens the ticket', {
    ok: RatingResultView,
    errors: [400, 404, 409, 422, 429],
  })
  rate(@Body() dto: RateDto, @Req() request: FastifyRequest): Promise<RatingResultView> {
    return this.tracking.rate(dto, clientAddress(request.ip));
  }
}

export class RevokedView {
  @ApiProperty({ type: 'integer', description: 'Links ended by this request' }) revoked!: number;
}

@ApiTags('residents')
@Controller('tickets/:id/tracking-links')
export class TrackingLinksController {
  constructor(private readonly tracking: ResidentTracking) {}

  @Post('revoke')
  @HttpCode(200)
  @Roles(...TICKET_ACTORS)
  @ApiEndpoint('End every resident tracking link of the ticket: the page answers 404 from now on', { ok: RevokedView, errors: [403, 404] })
  revoke(@IdParam() id: string, @CurrentUser() user: Principal): Promise<RevokedView> {
    return this.tracking.revoke(id, user);
  }
}

@ApiTags('residents')
@Controller('tickets')
export class TicketClaimController {
  constructor(private readonly claims: ResidentClaims) {}

  @TicketCommand(
    'claim',
    '首问负责制 (resident.firstResponder.mode first_claim): staff of the department in charge claim an online complaint inside its window and become its first responder; the first claim wins (409 `resident.already_claimed`), a late one is 422 `resident.claim_window_closed`',
  )
  claim(@IdParam() id: string, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.claims.claim(id, user, options);
  }
}
