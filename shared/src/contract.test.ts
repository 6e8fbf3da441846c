import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateCustomerRequest, CreatedCustomer, ErrorBody, TOKEN_ID_PATTERN, toFieldErrors } from './contract.ts';
import { normaliseCustomer } from './customer-answer.ts';
import { ERROR_CODES, ERRORS, errorTraits, isErrorCode } from './errors.ts';
import { Customer } from './omise.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../test-data/${name}.json`, import.meta.url), 'utf8'));

function fieldErrors(input: unknown) {
  const result = CreateCustomerRequest.safeParse(input);
  if (result.success) throw new Error('expected the request to be refused');
  return toFieldErrors(result.error);
}

describe('CreateCustomerRequest', () => {
  it('accepts an empty body, as Omise does', () => {
    expect(CreateCustomerRequest.parse({})).toEqual({});
  });

  it('accepts email, description and a test or live token', () => {
    const body = { email: 'a@example.com', description: 'Plan: pro', card: 'tokn_test_63440m1z407jm6hgxtu' };
    expect(CreateCustomerRequest.parse(body)).toEqual(body);
    expect(CreateCustomerRequest.parse({ card: 'tokn_63440m1z407jm6hgxtu' }).card).toBe('tokn_63440m1z407jm6hgxtu');
  });

  it('refuses bad fields with one message per field', () => {
    expect(fieldErrors({ email: 'not-an-email', description: 'x'.repeat(256), card: 'card_123' })).toEqual([
      { field: 'email', message: 'Enter a valid email address, like name@example.com.' },
      { field: 'description', message: 'Use a description of at most 255 characters.' },
      { field: 'card', message: 'Card must be a token id from Omise.js (tokn_…), never card details.' },
    ]);
  });

  it.each([
    ['tokn_test_4242424242424242abcd', 'one character too many, a card number inside'],
    ['tokn_test_63440m1z407jm6hgxt', 'one character too few'],
    ['tokn_test_63440m1z407jm6hgxtu0000', 'a valid id with more after it'],
    ['tokn_test_63440M1Z407JM6HGXTU', 'upper case'],
    ['tokn_live_63440m1z407jm6hgxtu', 'a mode Omise does not have'],
    ['tokn_test_63440m1z407jm6hgxtu\n', 'a trailing newline'],
    [' tokn_test_63440m1z407jm6hgxtu', 'a leading space'],
    ['card_test_63440m1z407jm6hgxtu', 'a card id, not a token'],
  ])('refuses the card %j (%s)', (card) => {
    expect(fieldErrors({ card })).toEqual([
      { field: 'card', message: 'Card must be a token id from Omise.js (tokn_…), never card details.' },
    ]);
  });

  it('accepts exactly the token ids the vault issues, and refuses everything else', () => {
    const tokenId = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9a-z]{19}$/))
      .map(([test, suffix]) => `tokn_${test ? 'test_' : ''}${suffix}`);
    fc.assert(
      fc.property(tokenId, (card) => {
        expect(CreateCustomerRequest.safeParse({ card }).success).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          tokenId.chain((id) => fc.string({ minLength: 1, maxLength: 8 }).map((extra) => id + extra)),
          tokenId.map((id) => id.slice(0, -1)),
          fc.string({ maxLength: 40 }),
        ),
        (card) => {
          fc.pre(!/^tokn_(test_)?[0-9a-z]{19}$/.test(card));
          expect(CreateCustomerRequest.safeParse({ card }).success).toBe(false);
        },
      ),
    );
    expect(TOKEN_ID_PATTERN.test('tokn_test_63440m1z407jm6hgxtu')).toBe(true);
  });

  it('refuses unknown fields without repeating their names', () => {
    expect(fieldErrors({ email: 'a@example.com', number: '4242' })).toEqual([
      { field: '(body)', message: 'Remove the fields this API does not take: send only email, description and card.' },
    ]);
  });

  it("names only the contract's fields, in the schema's own words, whatever keys and values come", () => {
    const contractFields = new Set(['email', 'description', 'card', '(body)']);
    const OWN_MESSAGES = new Set([
      'Enter a valid email address, like name@example.com.',
      'Use an email address of at most 254 characters.',
      'Description must be text.',
      'Use a description of at most 255 characters.',
      'Card must be a token id from Omise.js (tokn_…).',
      'Card must be a token id from Omise.js (tokn_…), never card details.',
      'Remove the fields this API does not take: send only email, description and card.',
      'Send a JSON object.',
    ]);
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 30 }).filter((key) => !['email', 'description', 'card'].includes(key)),
          fc.jsonValue(),
          { minKeys: 1, maxKeys: 4 },
        ),
        fc.record({ email: fc.jsonValue(), description: fc.jsonValue(), card: fc.jsonValue() }, { requiredKeys: [] }),
        (unknown, known) => {
          for (const { field, message } of fieldErrors({ ...known, ...unknown })) {
            expect(contractFields).toContain(field);
            expect(OWN_MESSAGES).toContain(message);
          }
        },
      ),
    );
  });

  it('refuses a body that is not an object', () => {
    expect(fieldErrors(['a'])).toEqual([{ field: '(body)', message: 'Send a JSON object.' }]);
  });

  it('refuses a description that is not text', () => {
    expect(fieldErrors({ description: 42 })).toEqual([{ field: 'description', message: 'Description must be text.' }]);
  });
});

describe('CreatedCustomer', () => {
  it('accepts a normalised legacy customer and the recorded 2019-05-29 one', () => {
    const legacy = normaliseCustomer(Customer.parse(fixture('customers-retrieve-2014-07-27')));
    expect(CreatedCustomer.safeParse(legacy).success).toBe(true);
    expect(CreatedCustomer.safeParse(fixture('customers-create')).success).toBe(true);
  });

  it('promises only object and a cust_ id, and keeps every other key as it came', () => {
    const bare = { object: 'customer', id: 'cust_test_5086xleuh9ft4bn0ac2' };
    expect(CreatedCustomer.parse(bare)).toEqual(bare);
    const odd = { ...bare, email: 42, cards: 'none' };
    expect(CreatedCustomer.parse(odd)).toEqual(odd);
  });

  it('refuses what is not a created customer', () => {
    expect(CreatedCustomer.safeParse({ object: 'customer' }).success).toBe(false);
    expect(CreatedCustomer.safeParse({ object: 'customer', id: 'card_test_5086xl7amxfysl0ac5l' }).success).toBe(false);
    expect(CreatedCustomer.safeParse({ object: 'error', id: 'cust_test_5086xleuh9ft4bn0ac2' }).success).toBe(false);
  });
});

describe('error codes', () => {
  it('give every code the status the README lists for it', () => {
    const statuses = Object.fromEntries(ERROR_CODES.map((code) => [code, ERRORS[code].status]));
    expect(statuses).toMatchObject({
      validation_error: 400,
      card_data_rejected: 400,
      invalid_card: 400,
      used_token: 400,
      not_found: 404,
      idempotency_conflict: 422,
      request_in_progress: 409,
      rate_limited: 429,
      forbidden_origin: 403,
      payload_too_large: 413,
      unsupported_media_type: 415,
      upstream_auth_failed: 502,
      upstream_unavailable: 502,
      upstream_timeout: 504,
      upstream_busy: 503,
      store_unavailable: 503,
      internal_error: 500,
      request_timeout: 408,
      expectation_failed: 417,
      header_too_large: 431,
    });
  });

  it('say which answers are final for a key, which a shopper may retry, and which need a new token', () => {
    const where = (trait: 'final' | 'retry' | 'freshToken') => ERROR_CODES.filter((code) => errorTraits(code)[trait]);
    expect(where('final')).toEqual(['bad_request', 'invalid_card', 'used_token', 'not_found']);
    expect(where('freshToken')).toEqual(['invalid_card', 'used_token', 'not_found']);
    expect(where('retry')).toEqual([
      'used_token',
      'not_found',
      'request_timeout',
      'request_in_progress',
      'idempotency_conflict',
      'rate_limited',
      'internal_error',
      'upstream_unavailable',
      'store_unavailable',
      'upstream_busy',
      'upstream_timeout',
    ]);
    expect(errorTraits('validation_error')).toEqual({ status: 400, final: false, retry: false, freshToken: false });
  });

  it('recognise only codes of the closed list', () => {
    expect(isErrorCode('rate_limited')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('authentication_failure')).toBe(false);
  });

  it('shape an error body and refuse an unknown code', () => {
    const body = { object: 'error', code: 'rate_limited', message: 'Slow down.', request_id: 'r1' };
    expect(ErrorBody.parse(body)).toEqual(body);
    expect(ErrorBody.safeParse({ ...body, code: 'teapot' }).success).toBe(false);
    expect(ERROR_CODES).toContain('idempotency_conflict');
  });
});
