import type { IncomingMessage } from 'node:http';
import { badRequest } from './omise-error.ts';

/** Decoded request parameters: strings from forms and query strings, anything from JSON. */
export type Params = Record<string, unknown>;

/** Bodies over this many bytes are refused with `bad_request` (Omise documents no limit; 1 MB is generous). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface RawBody {
  bytes: Buffer;
  /** More than the limit arrived; the rest was read and thrown away. */
  tooLarge: boolean;
  /** The client went away before the body ended. */
  aborted: boolean;
}

/**
 * Reads the whole body, keeping at most `limit` bytes. An oversized body is drained, not cut off,
 * so the client reads our 400 instead of a reset.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<RawBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let settled = false;
    const finish = (aborted: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge, aborted });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => finish(false));
    req.on('error', () => finish(true));
    req.on('close', () => finish(!req.complete));
  });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const BRACKETED = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

function splitKey(key: string): string[] {
  const match = BRACKETED.exec(key);
  if (!match?.[1]) return [key];
  const rest = match[2] ?? '';
  return [match[1], ...Array.from(rest.matchAll(/\[([^[\]]*)\]/g), (m) => m[1] ?? '')];
}

function isPlainObject(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Expands Rails-style bracket keys as Omise reads form bodies: `card[name]=A` → `{ card: { name: 'A' } }`,
 * `tags[]=a&tags[]=b` → `{ tags: ['a', 'b'] }`. A later plain key overwrites an earlier one.
 */
export function expandBrackets(pairs: Iterable<[string, string]>): Params {
  const root: Params = {};
  for (const [key, value] of pairs) {
    const segments = splitKey(key);
    if (segments.length > MAX_DEPTH) throw badRequest(`${key.slice(0, 40)}… is nested too deeply`);
    const conflict = () => badRequest(`${key} conflicts with another parameter`);
    let node: Params | unknown[] = root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] ?? '';
      const last = i === segments.length - 1;
      if (FORBIDDEN_KEYS.has(segment)) throw badRequest(`${key} is not a valid parameter`);
      if (segment === '') {
        if (!Array.isArray(node) || !last) throw conflict();
        node.push(value);
        break;
      }
      if (Array.isArray(node)) throw conflict();
      const existing: unknown = node[segment];
      if (last) {
        if (typeof existing === 'object' && existing !== null) throw conflict();
        node[segment] = value;
        break;
      }
      const wantsArray = segments[i + 1] === '';
      if (existing === undefined) {
        const child: Params | unknown[] = wantsArray ? [] : {};
        node[segment] = child;
        node = child;
      } else if (wantsArray ? Array.isArray(existing) : isPlainObject(existing)) {
        node = existing as Params | unknown[];
      } else {
        throw conflict();
      }
    }
  }
  return root;
}

export function parseQuery(search: string): Params {
  return expandBrackets(new URLSearchParams(search));
}

/** The media type of a Content-Type header, lowercased, without parameters. */
export function mediaType(contentType: string | undefined): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/** Deeper than any Omise parameter goes; deeper bodies are refused rather than walked. */
const MAX_DEPTH = 32;

/** How deep `value` nests, counting only as far as MAX_DEPTH + 1 (iterative: no stack to blow). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_DEPTH) return deepest;
    if (node !== null && typeof node === 'object') {
      for (const child of Object.values(node)) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * Parses a request body as Omise accepts it: form-encoded (bracket keys) or JSON. An empty body is
 * no parameters, whatever its Content-Type (the omise client sends `application/json` on GET).
 */
export function parseBody(bytes: Buffer, contentType: string | undefined): Params | null {
  if (bytes.length === 0) return null;
  const type = mediaType(contentType);
  const text = bytes.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return expandBrackets(new URLSearchParams(text));
  if (type === 'application/json' || type?.endsWith('+json')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest('request body is not valid JSON');
    }
    if (!isPlainObject(value)) throw badRequest('request body must be a JSON object');
    if (depthOf(value) > MAX_DEPTH) throw badRequest('request body is nested too deeply');
    return value;
  }
  if (type === null) throw badRequest('request body has no Content-Type');
  throw badRequest(`content type ${type} is not supported; use application/x-www-form-urlencoded or application/json`);
}
