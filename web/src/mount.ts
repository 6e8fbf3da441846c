import { h, render } from 'preact';
import { pickLocale } from './i18n/index.ts';
import type { SignupOptions } from './options.ts';
import { SignupForm } from './SignupForm.tsx';
import { adoptStyles } from './styles.ts';

export interface MountHandle {
  /** Re-renders with new options; what the shopper typed is kept. */
  update(options: SignupOptions): void;
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
export function mount(el: Element, options: SignupOptions = {}): MountHandle {
  const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  adoptStyles(root);
  const draw = (next: SignupOptions) => render(h(SignupForm, { ...next, locale: pickLocale(next.locale, el) }), root);
  draw(options);
  return {
    update: draw,
    unmount: () => render(null, root),
  };
}
