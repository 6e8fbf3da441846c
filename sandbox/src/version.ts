import { badRequest } from './omise-error.ts';

/** API versions Omise publishes (docs /api-versioning), newest first. */
export const API_VERSIONS = ['2019-05-29', '2017-11-02', '2015-11-17', '2014-07-27'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = '2019-05-29';

function isApiVersion(value: string): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value);
}

/** Reads `Omise-Version`; without it, the account default (2019-05-29 here) applies. */
export function parseApiVersion(header: string | string[] | undefined): ApiVersion {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return DEFAULT_API_VERSION;
  const version = value.trim();
  if (isApiVersion(version)) return version;
  throw badRequest(`Omise-Version ${version} is not supported; use one of ${API_VERSIONS.join(', ')}`);
}

/**
 * Before 2019-05-29 objects carry `created` (not `created_at`), no `deleted` until deletion, no
 * `metadata`, and lists have no `order` and `+00:00` dates (Omise's 2017-to-2019 upgrade guide).
 */
export function isLegacy(version: ApiVersion): boolean {
  return version !== '2019-05-29';
}

/** `card[bank]` arrived with 2015-11-17 (docs /release-notes). */
export function hasCardBank(version: ApiVersion): boolean {
  return version !== '2014-07-27';
}
