// Types only: `import type {} from '@omise-signup/web/jsx-preact'` once in a Preact project
// makes `<omise-signup …>` type-check with its attributes.
import type { HTMLAttributes } from 'preact';
import type { OmiseSignupElement } from './element.ts';
import type { OmiseSignupAttributes } from './jsx.ts';

export type { OmiseSignupAttributes };

/** Preact's props for `<omise-signup>`: its own attributes, with the usual ones (`class`, `ref`, …). */
export type OmiseSignupPreactProps = Omit<HTMLAttributes<OmiseSignupElement>, keyof OmiseSignupAttributes> &
  OmiseSignupAttributes;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'omise-signup': OmiseSignupPreactProps;
    }
  }
}
