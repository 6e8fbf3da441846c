import { h, render } from 'preact';
import { pickLocale } from './i18n/index.ts';
import { SignupForm, type SignupFormProps } from './SignupForm.tsx';
import { adoptStyles } from './styles.ts';

export interface MountHandle {
  /** Re-renders with new options; what the shopper typed is kept. */
  update(options: SignupFormProps): void;
  /** Empties the form and forgets a created customer, as a form reset does. */
  reset(): void;
  /** Removes the form and its listeners. The shadow root stays, empty, on `el`. */
  unmount(): void;
}

/**
 * Renders the signup form into an open shadow root on `el`, with its own stylesheet, so the
 * page's CSS cannot break it. Without `locale`, the closest `lang` attribute around `el` picks it.
 *
 * @example
 * import { mount } from '@omise-signup/web';
 * const signup = mount(document.querySelector('#signup')!, {
 *   endpoint: '/api/customers',
 *   onSuccess: (customer) => location.assign(`/welcome?customer=${customer.id}`),
 * });
 * // later: signup.unmount();
 */
export function mount(el: Element, options: SignupFormProps = {}): MountHandle {
  const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  adoptStyles(root);
  let current = options;
  // A new key mounts a new form: empty fields, a new flow, no customer.
  let key = 0;
  const draw = (next: SignupFormProps) => {
    current = next;
    render(h(SignupForm, { ...next, key, locale: pickLocale(next.locale, el) }), root);
  };
  draw(options);
  return {
    update: draw,
    reset: () => {
      key++;
      draw(current);
    },
    unmount: () => render(null, root),
  };
}
