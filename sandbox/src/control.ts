import { type Request, type Response, Router } from 'express';
import { contextOf, type Reply, type RequestContext, writeReply } from './context.ts';
import { parseFaultSpec, type Target } from './faults.ts';
import { badRequest, OmiseApiError } from './omise-error.ts';
import type { RequestFilter } from './request-log.ts';
import type { SandboxState } from './state.ts';

function route(handler: (context: RequestContext) => Reply) {
  return (req: Request, res: Response) => {
    const context = contextOf(req);
    let reply: Reply;
    try {
      if (context.bodyError) throw context.bodyError;
      reply = handler(context);
    } catch (error) {
      if (!(error instanceof OmiseApiError)) throw error;
      reply = { status: error.status, json: error.body };
    }
    writeReply(res, reply);
  };
}

function requestFilter(query: Record<string, unknown>): RequestFilter {
  const filter: RequestFilter = {};
  for (const key of ['target', 'method', 'path'] as const) {
    const value = query[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
    filter[key] = value;
  }
  return filter;
}

/**
 * The control API under `/__sandbox/` (no key needed, never logged, never faulted): reset state,
 * inject faults, read the request log. Mounted on both listeners; `target` is where it was posted.
 */
export function controlRouter(target: Target, state: SandboxState): Router {
  // `/__sandbox/RESET` is an unknown control endpoint, not a reset.
  const router = Router({ caseSensitive: true });
  const noContent: Reply = { status: 204 };

  router.options(
    '/{*rest}',
    route(() => noContent),
  );
  router.post(
    '/reset',
    route(() => {
      state.reset();
      return noContent;
    }),
  );
  router.post(
    '/faults',
    route(({ body }) => ({ status: 201, json: state.faults.add(parseFaultSpec(body, target)) })),
  );
  router.get(
    '/faults',
    route(() => ({ status: 200, json: { data: state.faults.list() } })),
  );
  router.delete(
    '/faults',
    route(() => {
      state.faults.clear();
      return noContent;
    }),
  );
  router.get(
    '/requests',
    route(({ query }) => ({ status: 200, json: { data: state.log.list(requestFilter(query)) } })),
  );
  router.delete(
    '/requests',
    route(() => {
      state.log.clear();
      return noContent;
    }),
  );
  router.use(
    route(({ method, path }) => {
      throw new OmiseApiError(404, 'not_found', `${method} ${path} is not a sandbox control endpoint`);
    }),
  );
  return router;
}
