import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Store } from '../store/index.js';
import { checkAuditKey } from '../workflow/audit-seal.js';
import { type Engines, loadEngines, type WorkflowContext, workflowContext } from '../workflow/context.js';
import type { Practice } from '../workflow/practice.js';
import { registerRefusalAudit } from './audit-refusals.js';
import { ANY_ACCOUNT, registerAuth, requireSession } from './auth.js';
import { errorHandler, sendError } from './errors.js';
import { registerBlindAudits } from './qa-blind.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { billingRoutes } from './routes/billing.js';
import { billingWorkRoutes } from './routes/billing-work.js';
import { encounterRoutes } from './routes/encounters.js';
import { pcsRoutes } from './routes/pcs.js';
import { procedureRoutes } from './routes/procedures.js';
import { qaRoutes } from './routes/qa.js';
import { queryRoutes } from './routes/queries.js';
import { reportRoutes } from './routes/reports.js';
import { terminologyRoutes } from './routes/terminology.js';
import { registerSecurityHeaders } from './security-headers.js';
import { SessionCache } from './session-cache.js';
import { registerWebApp } from './static.js';

/**
 * The workbench server: one Fastify app over a store and the engines loaded once. Every API
 * route declares a schema and who may call it (onRoute refuses a route without either), so the
 * route table itself is the access-control list that test/server walks.
 */
export interface ServerOptions {
  store: Store;
  /** Already-loaded engines (tests share one load across apps); loaded from the store if absent. */
  engines?: Engines;
  practice?: Practice;
  reasonCodes?: WorkflowContext['reasonCodes'];
  /** Folder of the built web app; served at / when it holds an index.html. */
  webDist?: string;
  /** Login attempts per IP per minute (default 10). */
  loginRateLimit?: number;
  /** Secure cookie flag (default true; browsers honour it on http://localhost too). */
  secureCookies?: boolean;
  /** How long a session lookup is remembered in memory (default 5000 ms; 0 = always ask the store). */
  sessionCacheMs?: number;
  /** Largest request body in bytes (default 5 MiB: an 835 can be large). */
  bodyLimit?: number;
  logger?: boolean | { level: string };
  today?: () => string;
}

export interface ServerDeps {
  store: Store;
  ctx: WorkflowContext;
  loginRateLimit: number;
  secureCookies: boolean;
  sessions: SessionCache;
}

export interface RouteRecord {
  method: string;
  url: string;
  auth: RouteOptions['config'] extends infer C ? (C extends { auth?: infer A } ? A : unknown) : unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its auth declaration (for the access-control test). */
    routeTable: RouteRecord[];
    workflow: WorkflowContext;
  }
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  // Every audited request needs the audit key: a missing or wrong key file stops the start here.
  await checkAuditKey(options.store.db);
  const engines = options.engines ?? (await loadEngines(options.store));
  const ctx = workflowContext(options.store, engines, {
    ...(options.practice ? { practice: options.practice } : {}),
    ...(options.reasonCodes ? { reasonCodes: options.reasonCodes } : {}),
    ...(options.today ? { today: options.today } : {}),
  });
  const deps: ServerDeps = {
    store: options.store,
    ctx,
    loginRateLimit: options.loginRateLimit ?? 10,
    secureCookies: options.secureCookies ?? true,
    sessions: new SessionCache(options.store.db, { ttlMs: options.sessionCacheMs ?? 5000 }),
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    ajv: { customOptions: { allErrors: false } },
  });
  app.decorate('routeTable', [] as RouteRecord[]);
  app.decorate('workflow', ctx);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const auth = route.config?.auth;
    const isDocs = route.url.startsWith('/api/docs');
    if (route.url.startsWith('/api/') && !isDocs) {
      if (!auth) throw new Error(`route ${methods.join(',')} ${route.url} declares no auth`);
      if (!route.schema) throw new Error(`route ${methods.join(',')} ${route.url} declares no schema`);
    }
    for (const m of methods)
      if (m !== 'HEAD')
        app.routeTable.push({
          method: m,
          url: route.url,
          // The API's own documentation needs a session, of any account.
          auth: isDocs ? { roles: ANY_ACCOUNT } : auth,
        });
  });

  // An empty body with a JSON content type is "no body" (POST /suggest from fetch with headers set).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '' || body === undefined) return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (e) {
      const err = new Error(`malformed JSON body: ${(e as Error).message}`) as Error & {
        statusCode: number;
        code: string;
      };
      err.statusCode = 400;
      err.code = 'FST_ERR_CTP_INVALID_JSON_BODY';
      done(err, undefined);
    }
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') && !(await requireSession(deps.sessions, request, reply)))
      return reply;
    return sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'medcoder workbench API', version: '1' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'medcoder_session' } },
      },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiHooks: {
      onRequest: async (request, reply) => {
        if (!(await requireSession(deps.sessions, request, reply))) return reply;
      },
    },
  });
  registerSecurityHeaders(app);
  registerRefusalAudit(app, options.store.db);
  registerAuth(app, deps.sessions, options.store.db);
  registerBlindAudits(app, options.store.db);
  authRoutes(app, deps);
  encounterRoutes(app, deps);
  procedureRoutes(app, deps);
  queryRoutes(app, deps);
  terminologyRoutes(app, deps);
  pcsRoutes(app, deps);
  billingRoutes(app, deps);
  billingWorkRoutes(app, deps);
  reportRoutes(app, deps);
  adminRoutes(app, deps);
  auditRoutes(app, deps);
  qaRoutes(app, deps);
  if (options.webDist) registerWebApp(app, options.webDist);
  return app;
}
