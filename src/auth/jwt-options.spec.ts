import { JwtService } from '@nestjs/jwt';
import jsonwebtoken from 'jsonwebtoken';
import { KeyObject } from 'node:crypto';
import { jwtOptions } from './jwt-options.js';

const SECRET = `test-jwt-secret-${'s'.repeat(32)}`;
const claims = { sub: '0bb090e5-7b28-476d-abe1-edb418f1a321', typ: 'access' };

describe('jwtOptions', () => {
  it('gives jsonwebtoken the HMAC secret as a KeyObject, so a verify does not first try it as a public key', () => {
    const options = jwtOptions(SECRET);
    expect(options.secret).toBeInstanceOf(KeyObject);
    expect((options.secret as KeyObject).type).toBe('secret');
  });

  it('still verifies a token signed with the secret string, as tokens issued before the change were', async () => {
    const token = jsonwebtoken.sign(claims, SECRET, { algorithm: 'HS256', expiresIn: 3600 });
    await expect(new JwtService(jwtOptions(SECRET)).verifyAsync(token)).resolves.toMatchObject(claims);
  });

  it('signs HS256 tokens that a verifier holding the secret string accepts', async () => {
    const token = await new JwtService(jwtOptions(SECRET)).signAsync(claims);
    expect(jsonwebtoken.decode(token, { complete: true })?.header.alg).toBe('HS256');
    expect(jsonwebtoken.verify(token, SECRET, { algorithms: ['HS256'] })).toMatchObject(claims);
  });

  it('rejects a token signed with another secret, or with another algorithm', async () => {
    const jwt = new JwtService(jwtOptions(SECRET));
    await expect(jwt.verifyAsync(jsonwebtoken.sign(claims, `${SECRET}-other`, { algorithm: 'HS256' }))).rejects.toThrow(/signature/);
    await expect(jwt.verifyAsync(jsonwebtoken.sign(claims, SECRET, { algorithm: 'HS512' }))).rejects.toThrow(/algorithm/);
  });
});
