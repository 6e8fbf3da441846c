import express, { type RequestHandler } from 'express';
import { ProxyError } from '../errors.ts';

/** `Content-Encoding` values that mean the body is sent as it is. */
const UNENCODED = new Set(['', 'identity']);

/**
 * Refuses any body that is not plain JSON, before anything reads it: another media type, or any
 * `Content-Encoding` (gzip, deflate, br, stacked…). Browsers never compress a request body and
 * the body is at most 16 KB, so a decoder would buy nothing but a way to feed it broken or
 * inflating data; and one contract holds on every Node version (zstd's depends on it).
 */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    return next(
      new ProxyError('unsupported_media_type', 'Send the body as JSON with the header Content-Type: application/json.'),
    );
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && !UNENCODED.has(encoding.trim().toLowerCase())) {
    return next(new ProxyError('unsupported_media_type', 'Send the body uncompressed, without a Content-Encoding.'));
  }
  next();
};

/** Parses the JSON body: objects and arrays only, at most 16 KB, never compressed. */
export const parseJson: RequestHandler = express.json({
  limit: '16kb',
  strict: true,
  type: 'application/json',
  inflate: false,
});
