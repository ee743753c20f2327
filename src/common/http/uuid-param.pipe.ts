import { Injectable, Param, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { invalidInput } from '../errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs; anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw invalidInput(metadata.data ?? 'id', 'must be a UUID');
    return value.toLowerCase();
  }
}

/**
 * A UUID path parameter: validated by UuidParam and documented as what it accepts, in one decorator.
 * A parameter decorator runs once the method exists, so it can document the method it belongs to.
 */
export const IdParam =
  (name = 'id', description?: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, UuidParam)(target, key, index);
    const method = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({ name, description, example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a', schema: { type: 'string', format: 'uuid', maxLength: 36 } })(
      target,
      key!,
      method,
    );
  };
