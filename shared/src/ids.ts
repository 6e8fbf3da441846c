/**
 * A customer id as Omise documents it (docs /customers-api: `/cust(_test)?_[0-9a-z]+/`), at most
 * 64 characters after the prefix. The proxy reads created customers with it, the Omise client and
 * `verifyCustomer` check ids with it before they go into a URL, and the widget checks answers.
 */
export const CUSTOMER_ID_PATTERN = /^cust_(?:test_)?[0-9a-z]{1,64}$/;

/** True when `value` is a customer id Omise could have issued. */
export function isCustomerId(value: unknown): value is string {
  return typeof value === 'string' && CUSTOMER_ID_PATTERN.test(value);
}
