import { z } from 'zod';
import { CustomerAnswer } from './customer-answer.ts';
import { ERROR_CODES } from './errors.ts';

/** Longest description the proxy forwards; Omise documents none, this keeps abuse cheap. */
export const DESCRIPTION_MAX_LENGTH = 255;
/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
export const EMAIL_MAX_LENGTH = 254;
/** Longest `Idempotency-Key` header the proxy accepts. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/**
 * A card token id exactly as the vault issues it (../test-data/tokens-create.json: `tokn_test_` in test mode, `tokn_`
 * live, then 19 lowercase base-36 characters). Anything longer or otherwise could carry other data.
 */
export const TOKEN_ID_PATTERN = /^tokn_(?:test_)?[0-9a-z]{19}$/;

/**
 * What the widget posts to `POST /api/customers`. Every field is optional, as in Omise's
 * `POST /customers`; unknown keys are refused so a typo never silently drops data.
 * @example CreateCustomerRequest.parse({ email: 'a@example.com', card: 'tokn_test_5fz…' })
 */
export const CreateCustomerRequest = z.strictObject(
  {
    email: z
      .email({ error: 'Enter a valid email address, like name@example.com.' })
      .max(EMAIL_MAX_LENGTH, { error: `Use an email address of at most ${EMAIL_MAX_LENGTH} characters.` })
      .optional(),
    description: z
      .string({ error: 'Description must be text.' })
      .max(DESCRIPTION_MAX_LENGTH, {
        error: `Use a description of at most ${DESCRIPTION_MAX_LENGTH} characters.`,
      })
      .optional(),
    card: z
      .string({ error: 'Card must be a token id from Omise.js (tokn_…).' })
      .regex(TOKEN_ID_PATTERN, { error: 'Card must be a token id from Omise.js (tokn_…), never card details.' })
      .optional(),
  },
  {
    // Never the unknown field's name: it is the client's, and may hold anything.
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'Remove the fields this API does not take: send only email, description and card.'
        : 'Send a JSON object.',
  },
);
export type CreateCustomerRequest = z.infer<typeof CreateCustomerRequest>;

/**
 * The proxy's 201 body: Omise's customer, normalised to API 2019-05-29 where a key is present.
 * Only `object: "customer"` and a `cust_` id are promised; every other key is Omise's, passed
 * through, and may be missing (older API versions and Omise's own examples leave keys out).
 */
export const CreatedCustomer = CustomerAnswer;
export type CreatedCustomer = z.infer<typeof CreatedCustomer>;

export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** Every error the proxy answers with, whatever the status. */
export const ErrorBody = z.object({
  object: z.literal('error'),
  code: ErrorCodeSchema,
  message: z.string(),
  request_id: z.string(),
  fields: z.array(FieldError).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `GET /api/config`: what a widget needs when it does not carry its own settings. */
export const PublicConfig = z.object({
  publicKey: z.string().startsWith('pkey_'),
  vaultUrl: z.url(),
  omiseJsUrl: z.url(),
  livemode: z.boolean(),
  /** Where the card frame is served, on another origin than the page; absent when the server serves none. */
  cardFrameUrl: z.url().optional(),
});
export type PublicConfig = z.infer<typeof PublicConfig>;

/**
 * Turns a zod error into the `fields` of an error body: one message per field, first wins. Field
 * names come from the schema's paths, never from the input: unknown keys are reported on the
 * object that holds them (`(body)` at the top), with the schema's message.
 */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const fields = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '(body)';
    if (!fields.has(field)) fields.set(field, issue.message);
  }
  return [...fields].map(([field, message]) => ({ field, message }));
}
