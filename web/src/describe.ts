import { type Failure, type FieldName, isRetryable, type SignupError } from './errors.ts';
import type { Messages } from './i18n/index.ts';

const CARD_FIELDS = new Set<FieldName>(['name', 'number', 'expiry', 'securityCode']);
/** Puts a failure into the shopper's words, in the widget's locale. */
export function describeFailure(failure: Failure, t: Messages): SignupError {
  const error: SignupError = {
    code: failure.code,
    message: t.errors[failure.code],
    retryable: isRetryable(failure.code),
  };
  if (failure.fields?.length) {
    error.fields = failure.fields.map((field) => ({
      field,
      message: CARD_FIELDS.has(field) ? t.rejectedCard : t.rejectedField,
    }));
  }
  if (failure.requestId) error.requestId = failure.requestId;
  return error;
}
