// Types only: `import type {} from '@omise-signup/web/jsx-react'` once in a React 19 project
// makes `<omise-signup …>` type-check with its attributes (React 19 sets them on the element).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { OmiseSignupElement } from './element.ts';
import type { OmiseSignupAttributes } from './jsx.ts';

export type { OmiseSignupAttributes };

/** React's props for `<omise-signup>`: its own attributes, with the usual ones (`className`, `ref`, …). */
export type OmiseSignupReactProps = Omit<
  DetailedHTMLProps<HTMLAttributes<OmiseSignupElement>, OmiseSignupElement>,
  keyof OmiseSignupAttributes
> &
  OmiseSignupAttributes;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'omise-signup': OmiseSignupReactProps;
    }
  }
}
