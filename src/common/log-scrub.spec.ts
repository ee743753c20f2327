import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { safeUrl, scrubDetail, scrubText, scrubValue, serializeError } from './log-scrub.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwidHlwIjoic3RyZWFtIn0.c2lnbmF0dXJl';
const HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaGhhc2hoYXNo';

describe('log scrubbing (hole 7: logs leak nothing)', () => {
  it('masks mainland mobiles and landlines in free text, in the forms people type them', () => {
    expect(scrubText('业主电话13900001111，请回电')).toBe('业主电话139****1111，请回电');
    expect(scrubText('call +86 139-0000-1111 or 139 0000 1111')).toBe('call 139****1111 or 139****1111');
    expect(scrubText('座机0371-62345678、(010)12345678、02112345678')).toBe('座机0371-****5678、010-****5678、021-****5678');
  });

  it('leaves ids, references, timestamps and counts alone', () => {
    const text = 'ticket 13900001-1111-4000-8000-139000011112 TS-20261102-0001 at 2026-11-28T02:00:00.000Z took 1796000500000 ms, 42 rows';
    expect(scrubText(text)).toBe(text);
  });

  it('removes tokens, bearer credentials and password hashes', () => {
    const out = scrubText(`token=${JWT} Authorization: Bearer abcdefghijklmnop0123 hash ${HASH}`);
    expect(out).not.toContain('eyJ');
    expect(out).not.toContain('abcdefghijklmnop0123');
    expect(out).not.toContain('scrypt$');
  });

  it('scrubs nested values and drops secret fields at any depth, without touching the input', () => {
    const input = {
      user: { password: 'pw', passwordHash: HASH, note: '13900001111' },
      list: [{ access_token: JWT }, 13900001111],
      complainant: { name: '欧阳' },
    };
    const out = scrubValue(input);
    expect(out).toEqual({
      user: { password: '[redacted]', passwordHash: '[redacted]', note: '139****1111' },
      list: [{ access_token: '[redacted]' }, '139****1111'],
      complainant: '[redacted]',
    });
    expect(input.user.password).toBe('pw');
  });

  it('survives cycles and very deep objects', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(scrubValue(a)).toEqual({ name: 'a', self: '[circular]' });
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 50; i++) deep = { deep };
    expect(JSON.stringify(scrubValue(deep))).toContain('[nested too deep]');
  });

  it('serialises a failed statement without its parameters: type, code, statement text and the cause', () => {
    const driverError = Object.assign(new Error('canceling statement due to user request'), { code: '57014', severity: 'ERROR', routine: 'ProcessInterrupts' });
    const error = new QueryFailedError('INSERT INTO staff (name, username, password_hash) VALUES ($1, $2, $3)', ['欧阳业主', 'wangfang', HASH], driverError);
    const out = serializeError(error) as Record<string, unknown>;
    expect(out).toMatchObject({
      type: 'QueryFailedError',
      message: 'canceling statement due to user request',
      code: '57014',
      query: expect.stringContaining('VALUES ($1, $2, $3)'),
    });
    const text = JSON.stringify(out);
    for (const secret of ['欧阳业主', 'wangfang', 'scrypt$', 'parameters', 'driverError']) expect(text).not.toContain(secret);
    const wrapped = serializeError(new Error('intake failed', { cause: error })) as { cause: { code: string } };
    expect(wrapped.cause.code).toBe('57014');
    expect(JSON.stringify(wrapped)).not.toContain('wangfang');
  });

  it('keeps the columns and the reason of PostgreSQL’s detail, never the values it quotes', () => {
    expect(scrubDetail('Key (username)=(wangfang) already exists.')).toBe('Key (username)=([redacted]) already exists.');
    expect(scrubDetail('Key (a, b)=(13900001111, x)) is not present in table "staff".')).toBe('Key (a, b)=([redacted]) is not present in table "staff".');
    expect(scrubDetail('Failing row contains (1, 欧阳业主, 13900001111, 阳光花园).')).toBe('Failing row contains ([redacted]).');
    const error = Object.assign(
      new QueryFailedError(
        'INSERT …',
        ['x'],
        Object.assign(new Error('duplicate key value violates unique constraint "staff_username"'), {
          code: '23505',
          detail: 'Key (username)=(wangfang) already exists.',
          constraint: 'staff_username',
        }),
      ),
      {},
    );
    expect(serializeError(error)).toMatchObject({ code: '23505', constraint: 'staff_username', detail: 'Key (username)=([redacted]) already exists.' });
  });

  it('drops the value PostgreSQL quotes in an error message, also from the stack’s first line', () => {
    const error = new QueryFailedError('SELECT $1::int', ['13900001111x'], new Error('invalid input syntax for type integer: "13900001111x"'));
    const out = serializeError(error) as { message: string; stack: string };
    expect(out.message).toBe('invalid input syntax for type integer: "[redacted]"');
    expect(out.stack.split('\n')[0]).toBe('QueryFailedError: invalid input syntax for type integer: "[redacted]"');
    expect(out.stack).not.toContain('13900001111');
  });

  it('rewrites request URLs: tokens and searches redacted, plain filters kept, phones in paths masked', () => {
    expect(safeUrl(`/events/stream?token=${JWT}`)).toBe('/events/stream?token=[redacted]');
    expect(safeUrl('/tickets?q=13900001111&status=open&limit=20')).toBe('/tickets?q=[redacted]&status=open&limit=20');
    expect(safeUrl('/tickets?category=%E6%8A%A5%E4%BF%AE&month=2026-11')).toBe('/tickets?category=[redacted]&month=2026-11');
    expect(safeUrl('/residents/13900001111/tickets')).toBe('/residents/139****1111/tickets');
    expect(safeUrl('/x?cursor=eyJpZCI6MX0&bad=%E0%A4%A')).toBe('/x?cursor=[redacted]&[redacted]');
    expect(safeUrl('/tickets/4f9c2a52-8a5e-4c1b-9a1e-1c2d3e4f5a6b')).toBe('/tickets/4f9c2a52-8a5e-4c1b-9a1e-1c2d3e4f5a6b');
  });
});
