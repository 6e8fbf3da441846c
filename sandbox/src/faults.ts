import type { Params } from './body.ts';
import { badRequest } from './omise-error.ts';
import { allowOnly } from './params.ts';

export type Target = 'api' | 'vault';
export const FAULT_KINDS = ['latency', 'status', 'reset', 'hang', 'malformed', 'reply'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault injected through `POST /__sandbox/faults`; `remaining` is -1 when it lasts until cleared. */
export interface Fault {
  id: string;
  kind: FaultKind;
  target: Target;
  method: string | null;
  path: string | null;
  remaining: number;
  when: 'before' | 'after';
  ms: number | null;
  status: number | null;
  code: string | null;
  message: string | null;
  /** For `reply` only: the JSON answered, whatever the request (an upstream that answers its own way). */
  body?: unknown;
  /** Requests it has applied to so far. */
  hits: number;
}

export type FaultSpec = Omit<Fault, 'id' | 'hits'>;

const MAX_LATENCY_MS = 10 * 60 * 1000;

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw badRequest(`${name} must be an integer`);
  return number;
}

function optionalText(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '') throw badRequest(`${name} must be a non-empty string`);
  return value;
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`${name} must be one of ${allowed.join(', ')}`);
}

/** Validates a fault as posted to the control API; the listener it was posted to is the default target. */
export function parseFaultSpec(body: Params | null, postedTo: Target): FaultSpec {
  const params = body ?? {};
  const kind = oneOf(params.kind, 'kind', FAULT_KINDS);
  if (kind === undefined) throw badRequest(`kind is required: one of ${FAULT_KINDS.join(', ')}`);
  const common = ['kind', 'target', 'method', 'path', 'count', 'when'];
  const extra =
    kind === 'latency'
      ? ['ms']
      : kind === 'status'
        ? ['status', 'code', 'message']
        : kind === 'reply'
          ? ['status', 'body']
          : [];
  allowOnly(params, [...common, ...extra]);

  const path = optionalText(params.path, 'path');
  if (path !== null && !path.startsWith('/')) throw badRequest('path must start with /');
  const count = integer(params.count, 'count') ?? 1;
  if (count < 1 && count !== -1) throw badRequest('count must be a positive integer, or -1 for until cleared');
  const ms = integer(params.ms, 'ms');
  if (kind === 'latency' && (ms === undefined || ms < 0 || ms > MAX_LATENCY_MS)) {
    throw badRequest(`ms is required for latency: 0 to ${MAX_LATENCY_MS}`);
  }
  const status = integer(params.status, 'status');
  const lowest = kind === 'reply' ? 200 : 400;
  if (status !== undefined && (status < lowest || status > 599)) {
    throw badRequest(`status must be between ${lowest} and 599`);
  }
  if (kind === 'reply' && params.body === undefined) throw badRequest('body is required for reply: the JSON to answer');

  return {
    kind,
    target: oneOf(params.target, 'target', ['api', 'vault'] as const) ?? postedTo,
    method: optionalText(params.method, 'method')?.toUpperCase() ?? null,
    path,
    remaining: count,
    when: oneOf(params.when, 'when', ['before', 'after'] as const) ?? 'before',
    ms: kind === 'latency' ? (ms ?? 0) : null,
    status: kind === 'status' ? (status ?? 500) : kind === 'reply' ? (status ?? 200) : null,
    code: optionalText(params.code, 'code'),
    message: optionalText(params.message, 'message'),
    ...(kind === 'reply' ? { body: params.body } : {}),
  };
}

/** The faults waiting to fire, oldest first. Each request takes at most one: the oldest that matches. */
export class FaultTable {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { id: `fault_${this.nextId++}`, ...spec, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * Finds and uses up the fault for a request. A CORS preflight only matches a fault that names
   * OPTIONS, so a fault meant for `POST /tokens` hits the POST a browser sends after it.
   */
  take(target: Target, method: string, path: string): Fault | null {
    const fault = this.faults.find(
      (candidate) =>
        candidate.target === target &&
        (candidate.method === null ? method !== 'OPTIONS' : candidate.method === method) &&
        (candidate.path === null || path.startsWith(candidate.path)),
    );
    if (!fault) return null;
    fault.hits += 1;
    if (fault.remaining > 0) {
      fault.remaining -= 1;
      if (fault.remaining === 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return { ...fault };
  }
}
