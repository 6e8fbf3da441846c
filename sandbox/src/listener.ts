import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response, Router } from 'express';
import { type KeyKind, parseBasicAuth } from './auth.ts';
import { type Params, parseBody, parseQuery, readBody } from './body.ts';
import {
  CORS_HEADERS,
  contextOf,
  findContext,
  isControlPath,
  type Reply,
  type RequestContext,
  setContext,
  writeReply,
} from './context.ts';
import { controlRouter } from './control.ts';
import type { Fault, Target } from './faults.ts';
import { authenticationFailure, defaultErrorFor, errorBody, OmiseApiError } from './omise-error.ts';
import { loggableHeaders, loggablePath, maskCardData } from './request-log.ts';
import { delay, type SandboxState } from './state.ts';
import { type ApiVersion, parseApiVersion } from './version.ts';

export interface Handled extends RequestContext {
  version: ApiVersion;
  /** Route parameters (`:id`). */
  params: Record<string, string>;
}

/** A 200 that claims JSON and is not: what a broken upstream or proxy in between sends. */
const MALFORMED_BODY = '{"object":"customer","id":"cust_test_';

function faultStatusReply(fault: Fault): Reply {
  const status = fault.status ?? 500;
  const [code, message] = defaultErrorFor(status);
  return { status, json: errorBody(fault.code ?? code, fault.message ?? message) };
}

const MAX_LOGGED_BODY_BYTES = 64 * 1024;

/**
 * Applies a fault. Returns true when it took over the response (so the handler must not run, for a
 * "before" fault); latency returns false once it has waited.
 */
async function applyFault(fault: Fault, state: SandboxState, req: IncomingMessage, res: ServerResponse) {
  switch (fault.kind) {
    case 'latency': {
      const generation = state.generation;
      await delay(state, fault.ms ?? 0);
      // The client gave up, or the sandbox was reset meanwhile: the request must not run now.
      if (req.socket.destroyed || state.generation !== generation) {
        req.socket.destroy();
        return true;
      }
      return false;
    }
    case 'status':
      writeReply(res, faultStatusReply(fault));
      return true;
    case 'malformed':
      writeReply(res, { status: 200, text: MALFORMED_BODY, contentType: 'application/json; charset=utf-8' });
      return true;
    case 'reply':
      writeReply(res, { status: fault.status ?? 200, json: fault.body });
      return true;
    case 'reset':
      // An RST, not a FIN: the client sees ECONNRESET, as when an upstream dies mid-request.
      req.socket.resetAndDestroy();
      return true;
    case 'hang':
      // Never answer; close() destroys the socket.
      return true;
  }
}

/** Writes the handler's reply, unless an "after" fault replaces or delays it. */
export async function deliver(req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
  const context = findContext(req);
  const fault = context?.afterFault;
  if (context && fault) {
    context.afterFault = null;
    if (await applyFault(fault, context.state, req, res)) return;
  }
  writeReply(res, reply);
}

/** Wraps a route: body errors and the API version are checked here, errors become Omise error bodies. */
export function handle(handler: (context: Handled) => Reply | Promise<Reply>) {
  return async (req: Request, res: Response) => {
    const context = contextOf(req);
    let reply: Reply;
    try {
      if (context.bodyError) throw context.bodyError;
      const version = parseApiVersion(req.headers['omise-version']);
      const params = Object.fromEntries(Object.entries(req.params as Record<string, string>));
      reply = await handler({ ...context, version, params });
    } catch (error) {
      if (!(error instanceof OmiseApiError)) throw error;
      reply = { status: error.status, json: error.body };
    }
    await deliver(req, res, reply);
  };
}

export interface ListenerOptions {
  target: Target;
  state: SandboxState;
  /** The key kind this listener takes. */
  keyKind: KeyKind;
  /** Paths served without a key (the vault's `/omise.js`). */
  publicPaths?: readonly string[];
  /** Answer browsers: CORS headers on every response and 204 to preflights (the vault). */
  cors: boolean;
  routes: (router: Router) => void;
}

/**
 * One listener's app: parse and log the request, run the control API, inject faults, authenticate,
 * route, and answer everything (unknown routes, bad input, bugs) with Omise's error object.
 */
export function createListenerApp(options: ListenerOptions): Express {
  const { target, state } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false);

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    // Split by hand: URL parsing would read a request target like `//x` as a host.
    const requestTarget = req.originalUrl;
    const queryAt = requestTarget.indexOf('?');
    const path = queryAt === -1 ? requestTarget : requestTarget.slice(0, queryAt);
    const search = queryAt === -1 ? '' : requestTarget.slice(queryAt);
    const control = isControlPath(path);
    if (options.cors || control) for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);

    const raw = await readBody(req);
    if (raw.aborted) return;
    let query: Params = {};
    let body: Params | null = null;
    let bodyError: OmiseApiError | null = null;
    try {
      query = parseQuery(search);
      body = raw.tooLarge ? null : parseBody(raw.bytes, req.headers['content-type']);
      if (raw.tooLarge) bodyError = new OmiseApiError(400, 'bad_request', 'request body is larger than 1 MB');
    } catch (error) {
      if (!(error instanceof OmiseApiError)) throw error;
      bodyError = error;
    }
    const auth = parseBasicAuth(req.headers.authorization);
    const method = req.method.toUpperCase();
    const context: RequestContext = {
      state,
      target,
      method,
      path,
      query,
      body,
      bodyError,
      auth,
      log: null,
      afterFault: null,
    };
    setContext(req, context);
    if (control) return next();

    const log = state.log.add({
      at: state.now().toISOString(),
      target,
      method,
      path: loggablePath(path),
      query: maskCardData(query) as Params,
      headers: loggableHeaders(req.headers),
      auth,
      contentType: req.headers['content-type'] ?? null,
      // Bodies past 64 KB are logged by size only: 5,000 entries of 1 MB would be 5 GB.
      body:
        body === null
          ? null
          : raw.bytes.length > MAX_LOGGED_BODY_BYTES
            ? { truncated: true, bytes: raw.bytes.length }
            : (maskCardData(body) as Params),
    });
    context.log = log;
    res.on('finish', () => {
      log.status = res.statusCode;
    });

    const fault = state.faults.take(target, method, path);
    if (fault?.when === 'after') context.afterFault = fault;
    else if (fault && (await applyFault(fault, state, req, res))) return;
    next();
  });

  // Express matches mount paths in any letter case; the control API is the exact prefix only
  // (isControlPath), so `/__SANDBOX/…` goes on like any unknown path: logged, faulted, 404.
  const control = controlRouter(target, state);
  app.use('/__sandbox', (req: Request, res: Response, next: NextFunction) =>
    isControlPath(contextOf(req).path) ? control(req, res, next) : next(),
  );

  if (options.cors) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'OPTIONS') return next();
      res.status(204).end();
    });
  }

  app.use((req: Request, res: Response, next: NextFunction) => {
    const context = contextOf(req);
    if (options.publicPaths?.includes(context.path)) return next();
    const key = context.auth?.user;
    if (key !== undefined && state.keys.accepts(options.keyKind, key)) return next();
    const error = authenticationFailure();
    deliver(req, res, { status: error.status, json: error.body }).catch(next);
  });

  const router = Router();
  options.routes(router);
  app.use(router);

  app.use(
    handle((context) => {
      throw new OmiseApiError(404, 'not_found', `${context.method} ${context.path} was not found`);
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    if (!clientError) console.error('sandbox: unexpected error', error);
    const reply: Reply = clientError
      ? { status: 400, json: errorBody('bad_request', 'bad request') }
      : { status: 500, json: errorBody('internal_error', 'internal server error') };
    if (res.headersSent) {
      res.destroy();
      return;
    }
    deliver(req, res, reply).catch(() => res.destroy());
  });

  return app;
}
