import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { memoiseValidationMetadata } from './validation-metadata.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

function collect(errors: ValidationError[], prefix: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.values(error.constraints ?? {});
    if (constraints.length) out.push({ field, problems: constraints });
    collect(error.children ?? [], field, out);
  }
}

/**
 * A body validated into a DTO must be a JSON object: an array or a bare value would otherwise reach
 * class-validator and come back as "property 0 should not exist".
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const notAnObject = value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value));
    if (metadata.type === 'body' && notAnObject && this.toValidate(metadata)) {
      throw new BadRequestException({
        message: '(body): must be a JSON object',
        details: { fields: [{ field: '(body)', problems: ['must be a JSON object'] }] satisfies FieldProblem[] },
      });
    }
    return super.transform(value, metadata);
  }
}

/** Whitelist + forbid unknown fields + transform; every 400 names the fields (dotted paths) and what is wrong. */
export function createValidationPipe(): ValidationPipe {
  memoiseValidationMetadata();
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields: FieldProblem[] = [];
      collect(errors, '', fields);
      const message = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
      return new BadRequestException({ message, details: { fields } });
    },
  });
}
