import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expandBrackets, MAX_BODY_BYTES, parseBody } from './body.ts';
import { OmiseApiError } from './omise-error.ts';
import { basic, rawRequest, useSandbox } from './test-helpers.ts';

const t = useSandbox();

const pairs = (query: string) => new URLSearchParams(query);

describe('expandBrackets', () => {
  it('nests bracket keys as Omise reads form bodies', () => {
    expect(expandBrackets(pairs('card[name]=A&card[number]=4&metadata[a][b]=c&email=x'))).toEqual({
      card: { name: 'A', number: '4' },
      metadata: { a: { b: 'c' } },
      email: 'x',
    });
  });

  it('collects [] keys into arrays', () => {
    expect(expandBrackets(pairs('tags[]=a&tags[]=b'))).toEqual({ tags: ['a', 'b'] });
  });

  it('refuses a key that is both a value and an object', () => {
    expect(() => expandBrackets(pairs('card=x&card[name]=A'))).toThrow('card[name] conflicts with another parameter');
    expect(() => expandBrackets(pairs('card[name]=A&card=x'))).toThrow('card conflicts with another parameter');
  });

  it('refuses prototype keys instead of polluting Object.prototype', () => {
    expect(() => expandBrackets(pairs('__proto__[polluted]=yes'))).toThrow(OmiseApiError);
    expect(() => expandBrackets(pairs('a[constructor][prototype]=x'))).toThrow('is not a valid parameter');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseBody', () => {
  it('reads an empty body as no parameters, whatever the content type', () => {
    expect(parseBody(Buffer.alloc(0), 'application/json')).toBeNull();
    expect(parseBody(Buffer.alloc(0), undefined)).toBeNull();
  });

  it('reads JSON with a charset parameter', () => {
    expect(parseBody(Buffer.from('{"a":1}'), 'application/json; charset=utf-8')).toEqual({ a: 1 });
  });
});

describe('bad input over HTTP', () => {
  const post = (body: string, contentType: string) => t.api('POST', '/customers', { raw: { body, contentType } });
  const badRequest = (message: string) => ({
    object: 'error',
    location: 'https://www.omise.co/api-errors#bad-request',
    code: 'bad_request',
    message,
  });

  it.each([
    ['malformed JSON', '{"email":', 'application/json', 'request body is not valid JSON'],
    ['a JSON array', '[1,2]', 'application/json', 'request body must be a JSON object'],
    ['a JSON string', '"hi"', 'application/json', 'request body must be a JSON object'],
    [
      'text/plain',
      'email=a@example.com',
      'text/plain',
      'content type text/plain is not supported; use application/x-www-form-urlencoded or application/json',
    ],
  ])('answers %s with 400 bad_request', async (_, body, contentType, message) => {
    const result = await post(body, contentType);
    expect(result.status).toBe(400);
    expect(result.json).toEqual(badRequest(message));
  });

  it('answers a body without a content type with 400 bad_request', async () => {
    // fetch would label a string body text/plain, so this goes over node:http.
    const result = await rawRequest(`${t.sandbox.apiUrl}/customers`, {
      method: 'POST',
      headers: { authorization: basic(t.sandbox.secretKey) },
      body: 'email=a@example.com',
    });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text)).toEqual(badRequest('request body has no Content-Type'));
  });

  it('refuses a body over 1 MB with 400 bad_request, reading it to the end first', async () => {
    const huge = `email=${'a'.repeat(MAX_BODY_BYTES)}`;
    const result = await post(huge, 'application/x-www-form-urlencoded');
    expect(result.status).toBe(400);
    expect(result.json).toEqual(badRequest('request body is larger than 1 MB'));
  });

  it('answers a request Node cannot parse with JSON, not a bare 400', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const url = new URL(t.sandbox.apiUrl);
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('GET /customers HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n');
      });
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk;
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(reply).toContain('"code":"bad_request"');
  });

  it('answers a broken percent-encoding in the path with JSON', async () => {
    const result = await t.api('GET', '/customers/%E0%A4%A');
    expect(result.status).toBe(400);
    expect(result.json).toEqual(badRequest('bad request'));
  });

  it('takes a GET with an empty JSON body, as the omise client sends it', async () => {
    const result = await rawRequest(`${t.sandbox.apiUrl}/customers`, {
      headers: { authorization: basic(t.sandbox.secretKey), 'content-type': 'application/json' },
    });
    expect(result.status).toBe(200);
  });

  it('keeps working after all of the above', async () => {
    expect((await t.api('POST', '/customers', { form: { email: 'a@example.com' } })).status).toBe(200);
  });
});
