import { randomUUID } from 'node:crypto';
import { type IncomingMessage, maxHeaderSize, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERRORS, type ErrorBody, type ErrorCode } from '@omise-signup/shared';
import type { Logger } from './logger.ts';

export interface TransportError {
  code: ErrorCode;
  message: string;
}

const badRequest = (message: string): TransportError => ({ code: 'bad_request', message });

/**
 * What the client did wrong, from the error code of Node's HTTP parser (llhttp's `HPE_…`) or of
 * its request timers. Our own words only: nothing of what the client sent comes back.
 */
export function transportError(nodeCode: string | undefined, headerLimitBytes = maxHeaderSize): TransportError {
  switch (nodeCode) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'header_too_large',
        message: `The request headers are over ${Math.round(headerLimitBytes / 1024)} KB: send fewer or smaller headers (cookies, say).`,
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', message: 'The request did not arrive in time. Send it again, whole.' };
    case 'HPE_INVALID_METHOD':
      return badRequest('The request line is not valid HTTP: the method is unknown or missing.');
    case 'HPE_INVALID_URL':
      return badRequest('The request line is not valid HTTP: the target is not a valid path.');
    case 'HPE_INVALID_VERSION':
      return badRequest('The request line is not valid HTTP: use HTTP/1.1.');
    case 'HPE_INVALID_HEADER_TOKEN':
      return badRequest('A header name or value holds characters HTTP does not allow.');
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return badRequest('The Content-Length is not valid: send one, a number of bytes.');
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return badRequest('The body framing is not valid: send it chunked or with one Content-Length, not both.');
    default:
      return badRequest('The request is not valid HTTP.');
  }
}

function errorJson(error: TransportError, id: string): string {
  const body: ErrorBody = { object: 'error', code: error.code, message: error.message, request_id: id };
  return JSON.stringify(body);
}

/** The headers of every transport error answer: JSON, not cached, and the connection ends. */
const headersFor = (body: string, id: string) => ({
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': String(Buffer.byteLength(body)),
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Request-Id': id,
  Connection: 'close',
});

/** After answering, how long a client that keeps its side open may hold the socket (to read the answer). */
const LINGER_MS = 1000;

/**
 * Answers what never reaches Express with a JSON error from the closed list, then closes: Node's
 * parser errors (a bad request line or method, oversized headers, a bad Content-Length or
 * Transfer-Encoding), its headers and request timeouts, and an `Expect` other than 100-continue.
 * Without it Node answers these with an empty body. Install it on the `http.Server` you listen with.
 */
export function answerTransportErrors(server: Server, logger?: Logger): void {
  // The request each socket is still receiving, once Express has it: its body may be what is malformed.
  const receiving = new WeakMap<object, { req: IncomingMessage; res: ServerResponse }>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.complete) receiving.set(req.socket, { req, res });
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = receiving.get(socket);
    const answer = inFlight && !inFlight.req.complete ? inFlight.res : undefined;
    // Gone, or already answered (Express may refuse a body before it has all arrived): one
    // answer per request, so the connection just ends.
    if (error.code === 'ECONNRESET' || !socket.writable || answer?.headersSent) {
      socket.destroy();
      return;
    }
    // Set when the server was created with its own limit (`maxHeaderSize`), else the process-wide one.
    const limit = (server as { maxHeaderSize?: number }).maxHeaderSize ?? maxHeaderSize;
    const refused = transportError(error.code, limit);
    const id = randomUUID();
    logger?.warn({ request_id: id, code: refused.code, parser_code: error.code }, 'malformed request refused');
    const body = errorJson(refused, id);
    const status = ERRORS[refused.code].status;
    const head = Object.entries(headersFor(body, id)).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}\r\n${body}`);
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  });

  // Node answers `Expect: 100-continue` itself; any other expectation is one we cannot meet (RFC 9110 §10.1.1).
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
    const refused: TransportError = {
      code: 'expectation_failed',
      message: 'The Expect header asks for something this server does not do: send the request without it.',
    };
    const id = randomUUID();
    logger?.warn({ request_id: id, code: refused.code }, 'malformed request refused');
    const body = errorJson(refused, id);
    res.writeHead(ERRORS[refused.code].status, headersFor(body, id)).end(body);
  });
}
