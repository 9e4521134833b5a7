import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web app (web/dist) from the same origin as the API, so the session cookie
 * is first-party and SameSite=Lax holds. Files hold no data, so these routes are public; any
 * non-API path without a file gets index.html (client-side routing).
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function registerWebApp(app: FastifyInstance, dist: string): boolean {
  const root = resolve(dist);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const handler = async (
    request: import('fastify').FastifyRequest,
    reply: import('fastify').FastifyReply,
  ) => {
    const path = decodeURIComponent((request.params as { '*'?: string })['*'] ?? '');
    // Unknown API paths go to the API's own 404 handler: JSON, and a session is still required
    // (401 first), exactly as when no web app is served.
    if (path.startsWith('api/') || path === 'api') return reply.callNotFound();
    const file = resolve(root, path);
    const inside = file === root || file.startsWith(root + sep);
    const target = inside && path && existsSync(file) && statSync(file).isFile() ? file : index;
    const type = TYPES[extname(target)] ?? 'application/octet-stream';
    reply.header('content-type', type);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', target === index ? 'no-cache' : 'public, max-age=3600');
    return reply.send(readFileSync(target));
  };
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, handler);
  return true;
}
