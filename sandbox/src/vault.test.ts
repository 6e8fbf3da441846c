import { TOKEN_ID_PATTERN, Token } from '@omise-signup/shared';
import { describe, expect, it } from 'vitest';
import { SANDBOX_TEST_CARDS } from './cards.ts';
import { cardForm, useSandbox, validCard } from './test-helpers.ts';

const t = useSandbox();

const invalidCard = (message: string) => ({
  object: 'error',
  location: 'https://www.omise.co/api-errors#invalid-card',
  code: 'invalid_card',
  message,
});

describe('POST /tokens', () => {
  it('tokenizes a form-encoded card into Omise token shape', async () => {
    const result = await t.vault('POST', '/tokens', { form: cardForm(validCard()) });
    expect(result.status).toBe(200);
    const token = Token.parse(result.json);
    // Exactly what the proxy's contract accepts as a card token.
    expect(token.id).toMatch(TOKEN_ID_PATTERN);
    expect(token.id).toMatch(/^tokn_test_[0-9a-z]{19}$/);
    expect(result.json).toMatchObject({
      object: 'token',
      livemode: false,
      location: `${t.sandbox.vaultUrl}/tokens/${token.id}`,
      used: false,
      charge_status: 'unknown',
      card: {
        object: 'card',
        location: null,
        brand: 'Visa',
        first_digits: '424242',
        last_digits: '4242',
        financing: 'credit',
        name: 'Somchai Prasert',
        city: 'Bangkok',
        postal_code: '10320',
        expiration_month: 11,
        security_code_check: true,
      },
    });
    expect(token.card?.id).toMatch(/^card_test_[0-9a-z]{19}$/);
  });

  it('tokenizes a JSON card with numbers for the expiry', async () => {
    const card = { ...validCard(), expiration_month: 2, expiration_year: 2099 };
    const result = await t.vault('POST', '/tokens', { json: { card } });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ card: { expiration_month: 2, expiration_year: 2099 } });
  });

  it('never echoes the full number or the security code', async () => {
    const result = await t.vault('POST', '/tokens', { form: cardForm(validCard()) });
    expect(result.text).not.toContain('4242424242424242');
    expect(result.text).not.toContain('"security_code"');
  });

  it('gives the same fingerprint to the same number and another to a different one', async () => {
    const first = await t.token(validCard({ name: 'One' }));
    const second = await t.token(validCard({ name: 'Two', number: '4242 4242 4242 4242' }));
    const other = await t.token(validCard({ number: '4111111111111111' }));
    expect(first.card?.fingerprint).toBe(second.card?.fingerprint);
    expect(first.card?.fingerprint).not.toBe(other.card?.fingerprint);
    expect(first.card?.fingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it.each(
    SANDBOX_TEST_CARDS.filter((card) => card.outcome !== 'failed_fraud_check').map((card) => [card.number, card.brand]),
  )('tokenizes test card %s as %s', async (number, brand) => {
    const token = await t.token(validCard({ number }));
    expect(token.card?.brand).toBe(brand);
    expect(token.card?.last_digits).toBe(number.slice(-4));
  });

  it.each(SANDBOX_TEST_CARDS.filter((card) => card.outcome === 'failed_fraud_check').map((card) => [card.number]))(
    'refuses fraud test card %s with failed_fraud_check',
    async (number) => {
      const result = await t.vault('POST', '/tokens', { form: cardForm(validCard({ number })) });
      expect(result.status).toBe(400);
      expect(result.json).toEqual({
        object: 'error',
        location: 'https://www.omise.co/api-errors#failed-fraud-check',
        code: 'failed_fraud_check',
        message: 'failed fraud check',
      });
    },
  );

  it.each(SANDBOX_TEST_CARDS.filter((card) => card.outcome === 'invalid_security_code').map((card) => [card.number]))(
    'marks invalid_security_code test card %s with security_code_check false',
    async (number) => {
      const token = await t.token(validCard({ number }));
      expect(token.card?.security_code_check).toBe(false);
    },
  );

  it('sets security_code_check false when no security code is sent', async () => {
    const { security_code: _, ...card } = validCard();
    const token = await t.token(card);
    expect(token.card?.security_code_check).toBe(false);
  });

  it.each([
    ['a blank name', { name: '' }, "name can't be blank"],
    ['a blank number', { number: '' }, "number can't be blank and brand not supported (unknown)"],
    ['a garbage number', { number: '1234' }, 'number is invalid and brand not supported (unknown)'],
    ['a Visa number failing Luhn', { number: '4242424242424241' }, 'number is invalid'],
    ['a Luhn-valid number of no known brand', { number: '1111111111111117' }, 'brand not supported (unknown)'],
    [
      'an expiry in the past',
      { expiration_month: '1', expiration_year: '2020' },
      'expiration date cannot be in the past',
    ],
    ['month 13', { expiration_month: '13' }, 'expiration month is not between 1 and 12 and expiration date is invalid'],
    [
      'a two-digit year',
      { expiration_year: '25', number: '1234' },
      'expiration year is invalid, expiration date cannot be in the past, number is invalid, and brand not supported (unknown)',
    ],
    [
      'nothing right',
      { expiration_month: '0', name: ' ', expiration_year: 'abcd', number: '99' },
      "expiration month is not between 1 and 12, name can't be blank, expiration year is invalid, expiration date is invalid, number is invalid, and brand not supported (unknown)",
    ],
    [
      'a blank month',
      { expiration_month: '' },
      "expiration month can't be blank and expiration month is not between 1 and 12",
    ],
    ['a security code of letters', { security_code: 'abc' }, 'security code is invalid'],
  ])('refuses %s with invalid_card', async (_, overrides, message) => {
    const result = await t.vault('POST', '/tokens', { form: cardForm(validCard(overrides)) });
    expect(result.status).toBe(400);
    expect(result.json).toEqual(invalidCard(message));
  });

  it('accepts an expiry in the current month', async () => {
    const now = new Date();
    const card = validCard({
      expiration_month: String(now.getUTCMonth() + 1),
      expiration_year: String(now.getUTCFullYear()),
    });
    expect((await t.vault('POST', '/tokens', { form: cardForm(card) })).status).toBe(200);
  });

  it('answers missing_card when there are no card parameters', async () => {
    const result = await t.vault('POST', '/tokens', { json: {} });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ code: 'missing_card', message: 'request contains no card parameters' });
  });

  it('refuses an unknown card parameter with bad_request', async () => {
    const result = await t.vault('POST', '/tokens', { form: cardForm(validCard({ colour: 'red' })) });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ code: 'bad_request', message: 'card[colour] is not a valid parameter' });
  });

  it('refuses a card name that is not a string with bad_request', async () => {
    const result = await t.vault('POST', '/tokens', { json: { card: { ...validCard(), name: ['x'] } } });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ code: 'bad_request', message: 'card[name] must be a string' });
  });
});

describe('GET /tokens/:id', () => {
  it('retrieves a token as it was created', async () => {
    const token = await t.token();
    const result = await t.vault('GET', `/tokens/${token.id}`);
    expect(result.status).toBe(200);
    expect(result.json).toEqual(token);
  });

  it('answers 404 not_found for an unknown token', async () => {
    const result = await t.vault('GET', '/tokens/tokn_test_nope');
    expect(result.status).toBe(404);
    expect(result.json).toEqual({
      object: 'error',
      location: 'https://www.omise.co/api-errors#not-found',
      code: 'not_found',
      message: 'token tokn_test_nope was not found',
    });
  });
});

describe('vault authentication', () => {
  const failure = {
    object: 'error',
    location: 'https://www.omise.co/api-errors#authentication-failure',
    code: 'authentication_failure',
    message: 'authentication failed',
  };

  it.each([
    ['no key', null],
    ['a secret key', 'skey_test_sandbox000000000000'],
    ['a live public key', 'pkey_5abc'],
  ])('refuses %s with 401 authentication_failure', async (_, key) => {
    const result = await t.vault('POST', '/tokens', { form: cardForm(validCard()), key });
    expect(result.status).toBe(401);
    expect(result.json).toEqual(failure);
  });
});

describe('vault CORS', () => {
  it('answers a preflight with 204 and the headers a browser needs', async () => {
    const response = await fetch(`${t.sandbox.vaultUrl}/tokens`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('allows any origin on tokens and on errors', async () => {
    const ok = await t.vault('POST', '/tokens', { form: cardForm(validCard()) });
    const refused = await t.vault('POST', '/tokens', { form: cardForm(validCard()), key: null });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves CORS off the API, which browsers must not call with a secret key', async () => {
    const result = await t.api('GET', '/customers');
    expect(result.headers.get('access-control-allow-origin')).toBeNull();
  });
});
