import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BasicAuth } from './auth.ts';
import type { Params } from './body.ts';
import type { Fault, Target } from './faults.ts';
import type { OmiseApiError } from './omise-error.ts';
import type { LoggedRequest } from './request-log.ts';
import type { SandboxState } from './state.ts';

/** What a handler answers; the listener writes it, or lets an "after" fault replace it. */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request, parsed once at the edge. */
export interface RequestContext {
  state: SandboxState;
  target: Target;
  method: string;
  path: string;
  query: Params;
  body: Params | null;
  /** Why the body could not be read; reported after authentication, as Omise orders its checks. */
  bodyError: OmiseApiError | null;
  auth: BasicAuth | null;
  log: LoggedRequest | null;
  /** A fault that fires once the handler has answered. */
  afterFault: Fault | null;
}

const contexts = new WeakMap<IncomingMessage, RequestContext>();

export function setContext(req: IncomingMessage, context: RequestContext): void {
  contexts.set(req, context);
}

export function findContext(req: IncomingMessage): RequestContext | undefined {
  return contexts.get(req);
}

export function contextOf(req: IncomingMessage): RequestContext {
  const context = contexts.get(req);
  if (!context) throw new Error('request reached a route without passing the sandbox pipeline');
  return context;
}

export const isControlPath = (path: string) => path === '/__sandbox' || path.startsWith('/__sandbox/');

/** The CORS headers a browser needs to call the vault with a public key (Omise.js does). */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Omise-Version',
  'Access-Control-Max-Age': '600',
};

/** Writes a reply now, with no fault applied. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.status === 204 || (reply.json === undefined && reply.text === undefined)) {
    res.end();
    return;
  }
  const text = reply.text ?? JSON.stringify(reply.json);
  res.setHeader('Content-Type', reply.contentType ?? 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
