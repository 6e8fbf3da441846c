import type { SignupError } from './errors.ts';
import { type MountHandle, mount } from './mount.ts';
import { type SignupOptions, type Theme, toCardMode } from './options.ts';
import type { SignupCustomer } from './response.ts';

/** Attributes of `<omise-signup>`; changing any of them after mount re-renders the form. */
export const OBSERVED_ATTRIBUTES = [
  'public-key',
  'endpoint',
  'omise-js-url',
  'locale',
  'card',
  'description',
  'theme',
  'token-timeout-ms',
] as const;

/** The events `<omise-signup>` dispatches; they bubble out of the shadow root (`composed`). */
export interface OmiseSignupEventMap {
  'omise-signup:success': CustomEvent<SignupCustomer>;
  'omise-signup:error': CustomEvent<SignupError>;
}

declare global {
  interface HTMLElementTagNameMap {
    'omise-signup': HTMLElement;
  }
  interface HTMLElementEventMap extends OmiseSignupEventMap {}
  interface DocumentEventMap extends OmiseSignupEventMap {}
  interface WindowEventMap extends OmiseSignupEventMap {}
}

/**
 * Defines the `<omise-signup>` custom element (or another tag name) and returns its class.
 * Safe to call more than once: an existing definition is returned, not redefined.
 *
 * @example
 * import { defineOmiseSignup } from '@omise-signup/web';
 * defineOmiseSignup();
 * document.body.insertAdjacentHTML('beforeend', '<omise-signup endpoint="/api/customers"></omise-signup>');
 */
export function defineOmiseSignup(tagName = 'omise-signup'): CustomElementConstructor {
  const existing = customElements.get(tagName);
  if (existing) return existing;

  // Declared here, not at module level, so importing the package never touches HTMLElement
  // (server-side rendering, tests in Node).
  class OmiseSignupElement extends HTMLElement {
    static observedAttributes = OBSERVED_ATTRIBUTES;
    #handle: MountHandle | null = null;

    connectedCallback() {
      if (this.#handle) this.#handle.update(this.#options());
      else this.#handle = mount(this, this.#options());
    }

    disconnectedCallback() {
      // Moving the element (remove + insert in one task) keeps what the shopper typed.
      queueMicrotask(() => {
        if (this.isConnected || !this.#handle) return;
        this.#handle.unmount();
        this.#handle = null;
      });
    }

    attributeChangedCallback() {
      if (this.isConnected) this.#handle?.update(this.#options());
    }

    #options(): SignupOptions {
      const attr = (name: (typeof OBSERVED_ATTRIBUTES)[number]) => this.getAttribute(name) ?? undefined;
      const timeout = Number(attr('token-timeout-ms'));
      return {
        publicKey: attr('public-key'),
        endpoint: attr('endpoint'),
        omiseJsUrl: attr('omise-js-url'),
        locale: attr('locale'),
        card: toCardMode(attr('card')),
        description: attr('description'),
        theme: attr('theme') as Theme | undefined,
        tokenTimeoutMs: timeout > 0 ? timeout : undefined,
        onSuccess: (customer) => this.#emit('omise-signup:success', customer),
        onError: (error) => this.#emit('omise-signup:error', error),
      };
    }

    #emit(type: string, detail: unknown) {
      // composed: the event leaves the shadow root and reaches listeners on the page.
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }
  }

  customElements.define(tagName, OmiseSignupElement);
  return OmiseSignupElement;
}
