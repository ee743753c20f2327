/** The claims of an access token (`Authorization: Bearer`). */
export interface AccessClaims {
  sub: string;
  typ: 'access';
  /** The account's token generation when the token was issued (staff.token_generation). */
  gen: number;
  iat: number;
  exp: number;
}

/** The credential behind a request: the token generation it carries and when it expires. */
export interface Session {
  generation: number;
  expiresAt: Date;
}
