import { h, render } from 'preact';
import { readState, type SavedState } from './form-state.ts';
import { readSettings } from './options.ts';
import { Signup, type SignupFormProps } from './SignupForm.tsx';
import { adoptStyles } from './styles.ts';

export interface MountHandle {
  /** Re-renders with new options; what the shopper typed is kept. */
  update(options: SignupFormProps): void;
  /** Empties the form and forgets a created customer, as a form reset does. */
  reset(): void;
  /** Shows what the browser restored (Back to the page): the saved email, description and customer. */
  restore(state: unknown): void;
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
  // A new key mounts a new form: empty fields (or the restored ones), a new flow, no customer.
  let key = 0;
  const draw = (next: SignupFormProps, restored: SavedState | null = null) => {
    current = next;
    // The options are read here, once per change, into the settings the form runs on.
    render(h(Signup, { settings: readSettings(next, el), onControlState: next.onControlState, restored, key }), root);
  };
  draw(options);
  return {
    update: (next) => draw(next),
    reset: () => {
      key++;
      draw(current);
    },
    restore: (state) => {
      const saved = readState(state);
      if (!saved) return;
      key++;
      draw(current, saved);
    },
    unmount: () => render(null, root),
  };
}
