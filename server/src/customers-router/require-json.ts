import express, { type RequestHandler } from 'express';
import { ProxyError } from '../errors.ts';

/** Refuses any body that is not JSON, before anything reads it. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  next(
    new ProxyError('unsupported_media_type', 'Send the body as JSON with the header Content-Type: application/json.'),
  );
};

/** Parses the JSON body: objects and arrays only, at most 16 KB. */
export const parseJson: RequestHandler = express.json({ limit: '16kb', strict: true, type: 'application/json' });
