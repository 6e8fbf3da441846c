/** @jsxImportSource react */
// A React 19 page that puts <omise-signup> in its own signup form.
import type {} from '@omise-signup/web/jsx-react';

export const form = (
  <form action="/signup" method="post">
    <omise-signup
      public-key="pkey_test_5x0000000000000000"
      endpoint="/api/customers"
      omise-js-url="https://cdn.omise.co/omise.js"
      name="omise_customer"
      required
      locale="th-TH"
      card="optional"
      description="Pro plan"
      theme="dark"
      token-timeout-ms={15000}
      className="signup"
      ref={(el) => {
        el?.validity?.valueMissing satisfies boolean | undefined;
      }}
    />
    <omise-signup locale="ja" card="none" disabled={false} token-timeout-ms="5000" />
  </form>
);

// @ts-expect-error: card is 'required', 'optional' or 'none'
export const wrongCard = <omise-signup card="sometimes" />;
// @ts-expect-error: Omise has no French
export const wrongLocale = <omise-signup locale="fr" />;
// @ts-expect-error: theme is 'auto', 'light' or 'dark'
export const wrongTheme = <omise-signup theme="blue" />;
// @ts-expect-error: required is a boolean attribute
export const wrongRequired = <omise-signup required="yes" />;
// @ts-expect-error: no such attribute
export const unknown = <omise-signup colour="red" />;
