import { Controller, Get, Header, Logger } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../org/roles.decorator.js';
import { ApiContentResponse, ApiEndpoint } from '../common/http/api-docs.js';
import { HealthView } from './health.view.js';
import { metricsRegistry } from '../common/metrics.js';

@ApiTags('operations')
@Controller()
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: DataSource,
  ) {}

  @Get('health')
  @Public()
  // Terminus would document its own 503 body; the exception filter sends the API's error body instead.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiEndpoint('Liveness and readiness: 200 when the database answers, 503 otherwise', { ok: HealthView, errors: [503] })
  check() {
    // The answer is public: it says the database is unavailable, the log says why (host and port stay inside).
    const ping = () =>
      this.indicators
        .check('database')
        .attempt(async () => {
          try {
            await this.db.query('SELECT 1');
          } catch (error) {
            this.logger.warn({ err: error }, 'health check: the database does not answer');
            throw new Error('database unavailable', { cause: error });
          }
        })
        .withTimeout(2000);
    return this.health.check([ping]);
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiEndpoint('Prometheus metrics (text exposition format 0.0.4)')
  @ApiContentResponse('The metrics', {
    'text/plain': { maxLength: 10_000_000, example: '# HELP http_requests_total HTTP requests by method, route and status' },
  })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
