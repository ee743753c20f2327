import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainErrorCode } from './domain-error.js';
import { toErrorBody } from './exception.filter.js';

describe('toErrorBody: a database that went away is a 503, never a 500', () => {
  it.each([
    ['the connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['the server terminating the session', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['pg meeting a connection that already died', new Error('Connection terminated unexpectedly')],
    // TypeORM releases a transaction's runner on its connection's error; the next statement meets this instead.
    ['a statement of a transaction whose connection died', new QueryRunnerProviderAlreadyReleasedError()],
  ])('%s', (_, error) => {
    expect(toErrorBody(error)).toMatchObject({ statusCode: 503, code: DomainErrorCode.DatabaseUnavailable });
  });

  it('an error the app does not know stays a 500', () => {
    expect(toErrorBody(new Error('something else')).statusCode).toBe(500);
  });
});
