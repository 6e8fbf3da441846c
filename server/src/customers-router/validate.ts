import { CreateCustomerRequest, containsCardNumber, toFieldErrors } from '@omise-signup/shared';
import type { RequestHandler } from 'express';
import { ProxyError } from '../errors.ts';
import { contextOf } from './context.ts';

/**
 * Every check of what the browser sent, in one step: card data first, in whatever field or shape
 * it came (refused as such and never echoed in a message), then the shared request schema.
 */
export const validate: RequestHandler = (req, _res, next) => {
  if (containsCardNumber(req.body)) {
    return next(
      new ProxyError(
        'card_data_rejected',
        'Card numbers must never be sent here. Tokenize the card with Omise.js and send the token id.',
      ),
    );
  }
  const parsed = CreateCustomerRequest.safeParse(req.body);
  if (!parsed.success) {
    return next(
      new ProxyError('validation_error', 'Some fields are not valid.', { fields: toFieldErrors(parsed.error) }),
    );
  }
  contextOf(req).input = parsed.data;
  next();
};
