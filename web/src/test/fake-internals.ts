/**
 * happy-dom has no ElementInternals. This stands in for the part `<omise-signup>` uses, with the
 * checks the spec makes (a message is required with a flag; the anchor must be inside the
 * element), so tests see what the element tells its form. What the browser does with it
 * (FormData, blocking submit, calling formResetCallback) is proved in Chromium by the e2e suite.
 * https://html.spec.whatwg.org/multipage/custom-elements.html#the-elementinternals-interface
 */
export class FakeInternals {
  value: File | string | FormData | null = null;
  /** What the browser would keep for Back to the page (the second argument of setFormValue). */
  state: unknown = null;
  anchor: HTMLElement | undefined;
  #flags: ValidityStateFlags = {};
  #message = '';

  constructor(readonly host: HTMLElement) {}

  get form(): HTMLFormElement | null {
    return this.host.closest('form');
  }

  get labels(): NodeList {
    return document.querySelectorAll('#none');
  }

  get willValidate(): boolean {
    return !this.host.matches('[disabled], fieldset[disabled] *');
  }

  get validity(): ValidityState {
    const flags = this.#flags;
    return { ...flags, valid: !Object.values(flags).some(Boolean) } as ValidityState;
  }

  get validationMessage(): string {
    return this.willValidate ? this.#message : '';
  }

  setFormValue(value: File | string | FormData | null, state: unknown = value): void {
    this.value = value;
    this.state = state;
  }

  setValidity(flags: ValidityStateFlags = {}, message = '', anchor?: HTMLElement): void {
    const invalid = Object.values(flags).some(Boolean);
    if (invalid && !message) throw new TypeError('setValidity: a message is required with a flag');
    if (anchor && !this.host.shadowRoot?.contains(anchor)) {
      throw new DOMException('setValidity: the anchor is not inside the element', 'NotFoundError');
    }
    this.#flags = { ...flags };
    this.#message = invalid ? message : '';
    this.anchor = invalid ? anchor : undefined;
  }

  checkValidity(): boolean {
    if (!this.willValidate || this.validity.valid) return true;
    this.host.dispatchEvent(new Event('invalid', { cancelable: true }));
    return false;
  }

  reportValidity(): boolean {
    const valid = this.checkValidity();
    if (!valid) (this.anchor ?? this.host).focus();
    return valid;
  }
}

/** Gives every element `attachInternals()` until `uninstall()`; `of(host)` is the one a host attached. */
export function installFakeInternals(): { of: (host: Element) => FakeInternals; uninstall: () => void } {
  const attached = new WeakMap<Element, FakeInternals>();
  Object.defineProperty(HTMLElement.prototype, 'attachInternals', {
    configurable: true,
    value(this: HTMLElement) {
      if (attached.has(this)) throw new DOMException('attachInternals: already attached', 'NotSupportedError');
      const internals = new FakeInternals(this);
      attached.set(this, internals);
      return internals;
    },
  });
  return {
    of: (host) => {
      const internals = attached.get(host);
      if (!internals) throw new Error(`${host.localName} did not call attachInternals()`);
      return internals;
    },
    uninstall: () => {
      delete (HTMLElement.prototype as Partial<HTMLElement>).attachInternals;
    },
  };
}
