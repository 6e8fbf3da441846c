import { findCardNumber, IDEMPOTENCY_KEY_MAX_LENGTH } from '@omise-signup/shared';
import type { RequestHandler } from 'express';
import { ProxyError } from '../errors.ts';
import { fingerprint } from '../idempotency.ts';
import { contextOf } from './context.ts';

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Reads the `Idempotency-Key` header, when there is one, with the fingerprint of the validated
 * body. The key is stored and sent to Omise (`metadata.idempotency_key`), so it passes the same
 * card check as the body, before either happens.
 */
export const idempotencyKey: RequestHandler = (req, _res, next) => {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return next();
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH || !VISIBLE_ASCII.test(key)) {
    return next(
      new ProxyError('validation_error', 'The Idempotency-Key header is not valid.', {
        fields: [
          {
            field: 'Idempotency-Key',
            message: `Use 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters, e.g. a UUID.`,
          },
        ],
      }),
    );
  }
  if (findCardNumber(key) !== null) {
    return next(
      new ProxyError(
        'card_data_rejected',
        'The Idempotency-Key header holds what looks like a card number. Use a random id, such as a UUID.',
        { fields: [{ field: 'Idempotency-Key', message: 'Use a random id, such as a UUID.' }] },
      ),
    );
  }
  const context = contextOf(req);
  context.idempotency = { key, fingerprint: fingerprint(context.input ?? {}) };
  next();
};
