import type { SignupError } from './errors.ts';
import { type MountHandle, mount } from './mount.ts';
import type { CardIsolation, CardMode, Theme } from './options.ts';
import type { SignupCustomer } from './response.ts';
import type { FormControlState, SignupFormProps } from './SignupForm.tsx';

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
  'card-frame-url',
  'card-isolation',
  'font-stylesheet',
] as const;

/** The events `<omise-signup>` dispatches; they bubble out of the shadow root (`composed`). */
export interface OmiseSignupEventMap {
  'omise-signup:success': CustomEvent<SignupCustomer>;
  'omise-signup:error': CustomEvent<SignupError>;
}

/**
 * `<omise-signup>` is a form control (a form-associated custom element): inside a `<form>`, with a
 * `name`, it submits the created customer's id; `required` keeps the form from submitting until
 * there is one. Browsers without ElementInternals (Safari before 16.4) show the widget but do not
 * associate it: `form` is null, `validity` undefined, `willValidate` false.
 */
export interface OmiseSignupElement extends HTMLElement {
  /** The form the element belongs to. */
  readonly form: HTMLFormElement | null;
  /** The field name the customer id is submitted under (the `name` attribute). */
  name: string;
  /** The `required` attribute: the form may not submit until a customer is created. */
  required: boolean;
  /** The `disabled` attribute; a disabled `<fieldset>` around it disables it too. */
  disabled: boolean;
  /** The created customer's id (`cust_…`), or `''`. */
  readonly value: string;
  readonly validity: ValidityState | undefined;
  readonly validationMessage: string;
  readonly willValidate: boolean;
  readonly labels: NodeList | undefined;
  checkValidity(): boolean;
  reportValidity(): boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'omise-signup': OmiseSignupElement;
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
  class OmiseSignup extends HTMLElement implements OmiseSignupElement {
    static observedAttributes = [...OBSERVED_ATTRIBUTES, 'required'];
    // https://html.spec.whatwg.org/multipage/custom-elements.html#form-associated-custom-elements
    static formAssociated = true;
    #handle: MountHandle | null = null;
    #internals = this.attachInternals?.();
    #control: FormControlState | null = null;
    #disabled = false;

    get form() {
      return this.#internals?.form ?? null;
    }
    get name() {
      return this.getAttribute('name') ?? '';
    }
    set name(value: string) {
      this.setAttribute('name', value);
    }
    get required() {
      return this.hasAttribute('required');
    }
    set required(value: boolean) {
      this.toggleAttribute('required', value);
    }
    get disabled() {
      return this.hasAttribute('disabled');
    }
    set disabled(value: boolean) {
      this.toggleAttribute('disabled', value);
    }
    get value() {
      return this.#control?.value ?? '';
    }
    get validity() {
      return this.#internals?.validity;
    }
    get validationMessage() {
      return this.#internals?.validationMessage ?? '';
    }
    get willValidate() {
      return this.#internals?.willValidate ?? false;
    }
    get labels() {
      return this.#internals?.labels;
    }
    checkValidity() {
      return this.#internals?.checkValidity() ?? true;
    }
    reportValidity() {
      return this.#internals?.reportValidity() ?? true;
    }

    /** The form's reset button or `form.reset()`: back to an empty form, no customer. */
    formResetCallback() {
      this.#handle?.reset();
    }

    /**
     * Back to the page (or a reload that restores form fields): the browser hands back what
     * `setFormValue` saved, so the widget shows the email and description typed and the customer
     * already created, rather than an empty form that would make the shopper create another.
     */
    formStateRestoreCallback(state: unknown, reason: 'restore' | 'autocomplete') {
      if (reason === 'restore') this.#handle?.restore(state);
    }

    /** The `disabled` attribute, or a disabled `<fieldset>` around the element. */
    formDisabledCallback(disabled: boolean) {
      this.#disabled = disabled;
      this.#handle?.update(this.#options());
    }

    connectedCallback() {
      // A form control must be focusable: Firefox checks the host itself when a required widget
      // blocks its form, and logs "The invalid form control … is not focusable" otherwise.
      // Delegating focus sends it to the first field, which is also the validation anchor.
      if (!this.shadowRoot) this.attachShadow({ mode: 'open', delegatesFocus: true });
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

    attributeChangedCallback(name: string) {
      if (name === 'required') this.#validate();
      else if (this.isConnected) this.#handle?.update(this.#options());
    }

    /** The form submits the customer id; a required widget without one keeps the form from submitting. */
    #validate() {
      const internals = this.#internals;
      const control = this.#control;
      if (!internals || !control) return;
      internals.setFormValue(control.value, control.state);
      if (this.required && !control.value) {
        // The anchor is where the browser shows the message and moves focus: the first field.
        internals.setValidity({ valueMissing: true }, control.message, control.anchor ?? undefined);
      } else {
        internals.setValidity({});
      }
    }

    /** The attributes as they are; `mount()` reads them into settings (unknown values fall back there). */
    #options(): SignupFormProps {
      const attr = (name: (typeof OBSERVED_ATTRIBUTES)[number]) => this.getAttribute(name) ?? undefined;
      return {
        publicKey: attr('public-key'),
        endpoint: attr('endpoint'),
        omiseJsUrl: attr('omise-js-url'),
        locale: attr('locale'),
        card: attr('card') as CardMode | undefined,
        description: attr('description'),
        theme: attr('theme') as Theme | undefined,
        tokenTimeoutMs: Number(attr('token-timeout-ms')),
        cardFrameUrl: attr('card-frame-url'),
        cardIsolation: attr('card-isolation') as CardIsolation | undefined,
        fontStylesheet: attr('font-stylesheet'),
        disabled: this.#disabled,
        onControlState: (control) => {
          this.#control = control;
          this.#validate();
        },
        onSuccess: (customer) => this.#emit('omise-signup:success', customer),
        onError: (error) => this.#emit('omise-signup:error', error),
      };
    }

    #emit(type: string, detail: unknown) {
      // composed: the event leaves the shadow root and reaches listeners on the page.
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }
  }

  customElements.define(tagName, OmiseSignup);
  return OmiseSignup;
}
