import type { Params } from './body.ts';
import { badRequest } from './omise-error.ts';
import { allowOnly } from './params.ts';
import { EPOCH, type ListOrder, type ListWindow } from './shapes.ts';

/** Omise caps `limit` at 100 (docs /api-pagination); the sandbox clamps larger values, as the list's `limit` shows. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

function nonNegativeInteger(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw badRequest(`${name} must be a non-negative integer`);
  }
  return number;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function dateParam(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const match = typeof value === 'string' ? ISO_8601.exec(value.trim()) : null;
  // A time without a zone is UTC, as Omise writes them; a bare date is its midnight UTC.
  const text = match && typeof value === 'string' ? value.trim() : '';
  const hasTime = text.length > 10;
  const date = new Date(match ? (hasTime && !match[1] ? `${text}Z` : text) : Number.NaN);
  if (Number.isNaN(date.getTime())) throw badRequest(`${name} must be an ISO 8601 date and time`);
  return date;
}

/** Reads `offset`, `limit`, `from`, `to`, `order` (docs /api-pagination), refusing anything else. */
export function listWindow(params: Params, now: Date): ListWindow {
  allowOnly(params, ['offset', 'limit', 'from', 'to', 'order']);
  const order = params.order ?? 'chronological';
  if (order !== 'chronological' && order !== 'reverse_chronological') {
    throw badRequest('order must be chronological or reverse_chronological');
  }
  return {
    offset: nonNegativeInteger(params.offset, 'offset') ?? 0,
    limit: Math.min(nonNegativeInteger(params.limit, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT),
    from: dateParam(params.from, 'from') ?? EPOCH,
    to: dateParam(params.to, 'to') ?? now,
    order: order as ListOrder,
  };
}
