import type { FastifyInstance } from 'fastify';

/**
 * Response headers that make the browser a second line of defence:
 * - a Content-Security-Policy that runs only the app's own files (no inline scripts, no eval,
 *   no plugins) and talks only to this origin, so injected markup cannot run or leak data;
 * - `frame-ancestors 'none'` and X-Frame-Options DENY (older browsers): no page may frame the
 *   workbench, whose single-key shortcuts would otherwise invite clickjacking;
 * - `Cache-Control: no-store` on every /api answer: they carry patient data, which must not be
 *   left in the browser's or a proxy's cache (the web app's own files keep static.ts's caching);
 * - nosniff, no referrer (URLs name encounters), and a same-origin opener.
 * The API docs page (Swagger UI) sets inline styles and data: images, so only it gets those.
 */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DOCS_CSP = APP_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
  "img-src 'self'",
  "img-src 'self' data:",
);

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.url;
    reply.header('content-security-policy', url.startsWith('/api/docs') ? DOCS_CSP : APP_CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (url.startsWith('/api/') || url === '/api') reply.header('cache-control', 'no-store');
    return payload;
  });
}
