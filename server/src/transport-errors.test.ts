import { connect, type Socket } from 'node:net';
import { ErrorBody } from '@omise-signup/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { type RunningServer, startServer } from './server.ts';
import { captureLogs, configFor, control, type Sandbox, startSandbox, tokenize } from './test-support/harness.ts';
import { transportError } from './transport-errors.ts';

// Short enough for a quick test, long enough that a loaded machine does not time out an ordinary request.
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** When the server closed the connection, in ms after it was opened. */
  closedAfterMs: number;
}

function parse(raw: string, closedAfterMs: number): Answer {
  // A 100 Continue may come first; the final answer is the last head.
  const heads = raw.split('\r\n\r\n');
  let at = 0;
  while (heads[at]?.startsWith('HTTP/1.1 100')) at++;
  const [statusLine = '', ...lines] = (heads[at] ?? '').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  // The first answer only: a keep-alive test reads several.
  const text = heads
    .slice(at + 1)
    .join('\r\n\r\n')
    .slice(0, Number(headers['content-length'] ?? 0));
  return { status: Number(statusLine.split(' ')[1]), headers, body: text ? JSON.parse(text) : null, closedAfterMs };
}

/** Opens a socket to `url`, lets `drive` write to it, and resolves with what came back once the server closes. */
function exchange(url: string, drive: (socket: Socket) => void, giveUpMs = 10_000): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const opened = Date.now();
    let raw = '';
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${giveUpMs} ms; it answered ${JSON.stringify(raw)}`));
    }, giveUpMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      raw += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      try {
        resolve(parse(raw, Date.now() - opened));
      } catch (error) {
        reject(error);
      }
    });
    socket.on('connect', () => drive(socket));
  });
}

const send = (url: string, raw: string) => exchange(url, (socket) => socket.write(raw));

/** Writes `raw` one byte at a time, every `everyMs`, until the socket closes. */
function trickle(socket: Socket, raw: string, everyMs: number) {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= raw.length) return clearInterval(timer);
    socket.write(raw[at++] ?? '');
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

function expectRefusal(answer: Answer, status: number, code: string, message: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(answer.headers.connection).toBe('close');
  expect(answer.headers['cache-control']).toBe('no-store');
  const body = ErrorBody.parse(answer.body);
  expect(body).toEqual({ object: 'error', code, message, request_id: answer.headers['x-request-id'] });
  expect(body.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
}

let sandbox: Sandbox;
let proxy: RunningServer;
const logs = captureLogs();

beforeAll(async () => {
  sandbox = await startSandbox({ apiPort: 0, vaultPort: 0 });
  proxy = await startServer(
    configFor(sandbox, {
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      UPSTREAM_TIMEOUT_MS: '5000',
    }),
    { logger: logs.logger },
  );
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

const LARGE = `GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20 * 1024)}\r\n\r\n`;

describe('malformed requests Node refuses before Express', () => {
  it('answers oversized headers with 431 header_too_large in JSON, and closes', async () => {
    expectRefusal(
      await send(proxy.url, LARGE),
      431,
      'header_too_large',
      'The request headers are over 16 KB: send fewer or smaller headers (cookies, say).',
    );
  });

  it.each([
    ['an unknown method', 'BREW /api/customers HTTP/1.1\r\nHost: x\r\n\r\n', 'the method is unknown or missing.'],
    ['a line that is not HTTP', 'hello there\r\n\r\n', 'the method is unknown or missing.'],
    ['an unknown HTTP version', 'GET /healthz HTTP/7.0\r\nHost: x\r\n\r\n', 'use HTTP/1.1.'],
    [
      'a control character in the target',
      'GET /he\u0001althz HTTP/1.1\r\nHost: x\r\n\r\n',
      'the target is not a valid path.',
    ],
  ])('answers %s with 400 bad_request', async (_, raw, detail) => {
    expectRefusal(await send(proxy.url, raw), 400, 'bad_request', `The request line is not valid HTTP: ${detail}`);
  });

  const post = (headers: string, body = '') =>
    `POST /api/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;
  const LENGTH = 'The Content-Length is not valid: send one, a number of bytes.';
  const FRAMING = 'The body framing is not valid: send it chunked or with one Content-Length, not both.';
  it.each([
    ['a Content-Length that is not a number', post('Content-Length: 12abc\r\n'), LENGTH],
    ['two Content-Lengths', post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}'), LENGTH],
    [
      'a Content-Length with chunked Transfer-Encoding',
      post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
      FRAMING,
    ],
    ['an unknown Transfer-Encoding', post('Transfer-Encoding: bogus\r\n', '{}'), FRAMING],
  ])('answers %s with 400 bad_request', async (_, raw, message) => {
    expectRefusal(await send(proxy.url, raw), 400, 'bad_request', message);
  });

  it('answers a body whose chunks are malformed with 400 bad_request, once Express is reading it', async () => {
    const head =
      'POST /api/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const answer = await exchange(proxy.url, (socket) => {
      socket.write(`${head}2\r\n{}\r\n`);
      setTimeout(() => socket.write('zz\r\n'), 50);
    });
    expectRefusal(answer, 400, 'bad_request', FRAMING);
  });

  it('gives one answer per request: a body that breaks after Express answered just ends the connection', async () => {
    // No Content-Type: 415 at once, before the body; then the body turns out malformed.
    const answer = await exchange(proxy.url, (socket) => {
      socket.write('POST /api/customers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
      socket.once('data', () => socket.write('zz\r\n{}\r\n0\r\n\r\n'));
    });
    expect(answer.status).toBe(415);
    expect((answer.body as ErrorBody).code).toBe('unsupported_media_type');
  });

  it('answers a header name HTTP does not allow with 400 bad_request', async () => {
    expectRefusal(
      await send(proxy.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'),
      400,
      'bad_request',
      'A header name or value holds characters HTTP does not allow.',
    );
  });

  it('answers an Expect other than 100-continue with 417 expectation_failed', async () => {
    expectRefusal(
      await send(proxy.url, 'POST /api/customers HTTP/1.1\r\nHost: x\r\nExpect: bogus\r\nContent-Length: 2\r\n\r\n{}'),
      417,
      'expectation_failed',
      'The Expect header asks for something this server does not do: send the request without it.',
    );
  });

  it('still honours Expect: 100-continue', async () => {
    const body = '{"email":"continue@example.com"}';
    const answer = await exchange(proxy.url, (socket) => {
      socket.write(
        `POST /api/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.once('data', () => socket.write(body));
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ object: 'customer', email: 'continue@example.com' });
  });

  it('says nothing of what the client sent, and logs one warning per refusal', async () => {
    const answer = await send(proxy.url, `GET /4242424242424242 HTTP/1.1\r\nHost: x\r\nX-Card: 4242\u00014242\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer)).not.toContain('4242');
    const line = logs.lines
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.request_id === answer.headers['x-request-id']);
    expect(line).toMatchObject({
      level: 40,
      msg: 'malformed request refused',
      code: 'bad_request',
      parser_code: 'HPE_INVALID_HEADER_TOKEN',
    });
  });
});

describe('slow clients', () => {
  it('answers 408 request_timeout and closes when the headers trickle in slower than HEADERS_TIMEOUT_MS', async () => {
    const answer = await exchange(proxy.url, (socket) =>
      trickle(socket, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\n\r\n', 50),
    );
    expectRefusal(answer, 408, 'request_timeout', 'The request did not arrive in time. Send it again, whole.');
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS);
  });

  it('closes a connection that sends nothing within HEADERS_TIMEOUT_MS', async () => {
    const answer = await exchange(proxy.url, () => {});
    expect(answer.status).toBe(408);
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS);
  });

  it('answers 408 when the body arrives slower than REQUEST_TIMEOUT_MS', async () => {
    const answer = await exchange(proxy.url, (socket) => {
      socket.write(
        'POST /api/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n',
      );
      trickle(socket, `{"email":"slow@example.com","x":"${'y'.repeat(10)}"}`, 100);
    });
    expectRefusal(answer, 408, 'request_timeout', 'The request did not arrive in time. Send it again, whole.');
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
  });

  it('closes 500 connections that send their headers a byte at a time (slowloris)', async () => {
    const request = 'POST /api/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n';
    const answers = await Promise.all(
      Array.from({ length: 500 }, () => exchange(proxy.url, (socket) => trickle(socket, request, 200), 20_000)),
    );
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([408]));
    // The proxy still answers everyone else.
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
  }, 30_000);

  it('keeps an idle keep-alive connection open past the headers timeout, for a load balancer', async () => {
    let received = '';
    await exchange(proxy.url, (socket) => {
      const ask = () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      socket.on('data', (chunk: Buffer | string) => {
        received += String(chunk);
        const answers = received.split('HTTP/1.1 200 OK').length - 1;
        if (answers === 1 && received.endsWith('}')) setTimeout(ask, HEADERS_TIMEOUT_MS * 2);
        if (answers === 2 && received.endsWith('}')) socket.end();
      });
      ask();
    });
    expect(received.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
  });

  it('waits for a slow answer longer than REQUEST_TIMEOUT_MS: the limit is on the client, not on Omise', async () => {
    await control(sandbox, 'faults', {
      body: { kind: 'latency', ms: REQUEST_TIMEOUT_MS * 2, path: '/customers', method: 'POST' },
    });
    const card = await tokenize(sandbox);
    const body = JSON.stringify({ email: 'patient@example.com', card });
    const answer = await send(
      proxy.url,
      `POST /api/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(answer.status).toBe(201);
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS * 2);
  });
});

describe('transportError', () => {
  it('says what was wrong in our words, and falls back to a plain bad_request', () => {
    expect(transportError('HPE_HEADER_OVERFLOW', 8 * 1024).message).toBe(
      'The request headers are over 8 KB: send fewer or smaller headers (cookies, say).',
    );
    expect(transportError('HPE_SOMETHING_NEW')).toEqual({
      code: 'bad_request',
      message: 'The request is not valid HTTP.',
    });
    expect(transportError(undefined).code).toBe('bad_request');
  });
});

describe('transport timeouts in the configuration', () => {
  it('default to 10 s for the headers and 30 s for the whole request', () => {
    const config = loadConfig({ OMISE_SECRET_KEY: 'skey_test_5xs9k1lg8nq5bqk2v6a' });
    expect(config).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
  });

  it('refuse a headers timeout longer than the request timeout', () => {
    expect(() =>
      loadConfig({
        OMISE_SECRET_KEY: 'skey_test_5xs9k1lg8nq5bqk2v6a',
        HEADERS_TIMEOUT_MS: '5000',
        REQUEST_TIMEOUT_MS: '1000',
      }),
    ).toThrow(
      'HEADERS_TIMEOUT_MS (5000) must not exceed REQUEST_TIMEOUT_MS (1000): the headers are part of the request.',
    );
  });
});
