import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { EnumProperty } from '../common/http/api-docs.js';

// Per indicator (`database`): its status and whatever the indicator reports, as @nestjs/terminus sends it.
const indicators = (description: string, required: boolean): ApiPropertyOptions => ({
  type: 'object',
  selfRequired: required,
  description,
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', maxLength: 20, example: 'up' } },
    required: ['status'],
    additionalProperties: true,
  },
});

/** The readiness answer of @nestjs/terminus. */
export class HealthView {
  @EnumProperty('HealthStatus', ['ok', 'error', 'shutting_down']) status!: string;
  @ApiProperty(indicators('Indicators that are up', false)) info?: Record<string, unknown>;
  @ApiProperty(indicators('Indicators that are down', false)) error?: Record<string, unknown>;
  @ApiProperty(indicators('Every indicator', true)) details!: Record<string, unknown>;
}
