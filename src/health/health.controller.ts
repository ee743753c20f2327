import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator.js';
import { ApiContentResponse, ApiEndpoint } from '../common/http/api-docs.js';
import { HealthView } from './health.view.js';
import { metricsRegistry } from './metrics.js';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get('health')
  @Public()
  // Terminus would document its own 503 body; the exception filter sends the API's error body instead.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiEndpoint('Liveness and readiness: 200 when the database answers, 503 otherwise', { ok: HealthView, errors: [503] })
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiEndpoint('Prometheus metrics (text exposition format 0.0.4)')
  @ApiContentResponse('The metrics', { 'text/plain': { maxLength: 10_000_000, example: '# HELP http_requests_total HTTP requests by method, route and status' } })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
