/**
 * Content-Security-Policy directives, in helmet's form. The console (console/) is ES modules and one stylesheet
 * from this origin: no inline script or style, no eval, nothing from another origin, and no HTML strings put
 * into the page (Trusted Types), so an injected ticket text can neither run nor restyle anything.
 * `upgrade-insecure-requests` is left out on purpose: the compose file and quick start serve plain HTTP on a
 * LAN address, where upgrading the console's own requests to https would break it.
 */
export const consoleDirectives = {
  defaultSrc: ["'self'"],
  baseUri: ["'none'"],
  connectSrc: ["'self'"], // fetch and the live EventSource
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  requireTrustedTypesFor: ["'script'"],
};

/**
 * Swagger UI (/docs) loads its scripts from this origin too, but styles itself inline (React style attributes
 * and two <style> blocks), draws its icons from data: URLs and renders descriptions as HTML; scripts stay 'self'.
 */
export const docsDirectives = {
  defaultSrc: ["'self'"],
  baseUri: ["'none'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};

/** Swagger UI's routes (its page, assets and the OpenAPI document), which SwaggerModule registers under /docs. */
export const isDocsRoute = (url: string): boolean => url === '/docs' || url.startsWith('/docs/');
