import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { IssueSupervisionOrderDto, SupervisionDecisionDto, SupervisionFeedbackDto, SupervisionOrdersQuery, SupervisionOrderView } from './supervision.view.js';
import { SupervisionOrders } from './supervision.service.js';

@ApiTags('supervision')
@Controller('supervision-orders')
export class SupervisionController {
  constructor(private readonly orders: SupervisionOrders) {}

  @Post()
  @Roles('manager')
  @IdempotencyHeader()
  @ApiEndpoint('督办单: a manager orders a department to act on a ticket or a recurring problem, by a deadline, with written feedback', {
    created: SupervisionOrderView,
    errors: [404, 422],
  })
  issue(
    @Body() dto: IssueSupervisionOrderDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<SupervisionOrderView> {
    return this.orders.issue(dto, user, idempotency);
  }

  @Get()
  @Roles('staff', 'supervisor', 'manager', 'admin')
  @ApiEndpoint('The supervision orders the caller may see (managers: all; others: those they issued or their department answers for), newest first', {
    ok: [SupervisionOrderView],
    errors: [400],
  })
  list(@CurrentUser() user: Principal, @Query() q: SupervisionOrdersQuery): Promise<SupervisionOrderView[]> {
    return this.orders.list(user, q.status);
  }

  @Get(':id')
  @Roles('staff', 'supervisor', 'manager', 'admin')
  @ApiEndpoint('One supervision order with its feedback', { ok: SupervisionOrderView, errors: [404] })
  get(@IdParam() id: string, @CurrentUser() user: Principal): Promise<SupervisionOrderView> {
    return this.orders.get(id, user);
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('staff', 'supervisor')
  @IdempotencyHeader()
  @ApiEndpoint('书面反馈: the responsible department answers the order in writing', { ok: SupervisionOrderView, errors: [403, 404, 409] })
  feedback(
    @IdParam() id: string,
    @Body() dto: SupervisionFeedbackDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<SupervisionOrderView> {
    return this.orders.feedback(id, dto.text, user, idempotency);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('manager')
  @IdempotencyHeader()
  @ApiEndpoint('The issuing manager accepts the feedback: the order closes', { ok: SupervisionOrderView, errors: [403, 404, 409] })
  accept(
    @IdParam() id: string,
    @Body() dto: SupervisionDecisionDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<SupervisionOrderView> {
    return this.orders.decide(id, true, dto.note, user, idempotency);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('manager')
  @IdempotencyHeader()
  @ApiEndpoint('The issuing manager sends the feedback back with a note: the order stays open and its clock keeps running', {
    ok: SupervisionOrderView,
    errors: [403, 404, 409, 422],
  })
  reject(
    @IdParam() id: string,
    @Body() dto: SupervisionDecisionDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<SupervisionOrderView> {
    return this.orders.decide(id, false, dto.note, user, idempotency);
  }
}
