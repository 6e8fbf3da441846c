/** @jsxImportSource react */
// A React 19 page that puts <omise-signup> in its own signup form.
import { defineOmiseSignup } from '@omise-signup/web';
import type {} from '@omise-signup/web/jsx-react';
import { useEffect, useRef } from 'react';

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

// The README's React example, as written there.
export function Signup({ onCreated }: { onCreated: (id: string) => void }) {
  const ref = useRef<HTMLElementTagNameMap['omise-signup']>(null);
  useEffect(() => {
    const el = ref.current;
    const listener = (event: CustomEvent<{ id: string }>) => onCreated(event.detail.id);
    el?.addEventListener('omise-signup:success', listener);
    return () => el?.removeEventListener('omise-signup:success', listener);
  }, [onCreated]);
  return (
    <form method="post" action="/signup">
      <omise-signup ref={ref} name="omise_customer" required card="optional" locale="th" />
      <button type="submit">Join</button>
    </form>
  );
}
defineOmiseSignup();
