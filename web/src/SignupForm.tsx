import { Component, type TargetedFocusEvent, type TargetedInputEvent } from 'preact';
import { DEFAULT_ENDPOINT, fetchConfig, postCustomer, warmUpstream } from './api.ts';
import { detectBrand, digitsOf, formatCardNumber, formatExpiry, parseExpiry, securityCodeLength } from './card.ts';
import { describeFailure } from './describe.ts';
import type { FieldName } from './errors.ts';
import { Field } from './Field.tsx';
import { createSignupFlow, type FlowDeps, type SignupInput, type SignupState } from './flow.ts';
import { en } from './i18n/en.ts';
import { type Locale, loadMessages, type Messages, messagesFor, pickLocale } from './i18n/index.ts';
import { newIdempotencyKey } from './idempotency.ts';
import { DEFAULT_TOKEN_TIMEOUT_MS, type SignupOptions, toCardMode } from './options.ts';
import { formatCreated, Result } from './Result.tsx';
import { createToken, loadOmise, type OmiseCard, TokenizeError } from './tokenizer.ts';
import { EMPTY_VALUES, FIELD_ORDER, type FormValues, type Rules, validateField, wantsCard } from './validate.ts';

/** What a form-associated host reports to its form after each render (see `element.ts`). */
export interface FormControlState {
  /** The created customer's id, the value the form submits; null until there is one. */
  value: string | null;
  /** Why the form may not submit yet, in the widget's language. */
  message: string;
  /** The first field, where the browser points its validation message; null while nothing is rendered. */
  anchor: HTMLElement | null;
}

export interface SignupFormProps extends SignupOptions {
  /** Called after every render; `<omise-signup>` hands it to ElementInternals. */
  onControlState?: ((state: FormControlState) => void) | undefined;
}

interface FormState {
  values: FormValues;
  signup: SignupState;
  /** Fields whose own rule messages show: blurred with a value, or all of them after a submit. */
  touched: ReadonlySet<FieldName>;
  /** Fields the proxy or Omise refused, until the shopper edits them. */
  refused: ReadonlySet<FieldName>;
  /** A submit found invalid fields; the status line says so until they are fixed. */
  attempted: boolean;
}

type Focusable = FieldName | 'retry' | 'submit' | 'title';

const fresh = (): FormState => ({
  values: EMPTY_VALUES,
  signup: { status: 'editing' },
  touched: new Set(),
  refused: new Set(),
  attempted: false,
});

/** Keeps the caret after the same number of digits once formatting has added or removed separators. */
function reformat(input: HTMLInputElement, formatted: string): void {
  const caret = input.selectionStart ?? input.value.length;
  const atEnd = caret >= input.value.length;
  let digits = digitsOf(input.value.slice(0, caret)).length;
  input.value = formatted;
  if ((input.getRootNode() as Document | ShadowRoot).activeElement !== input) return;
  let position = 0;
  if (atEnd) position = formatted.length;
  else while (position < formatted.length && digits) if (/\d/.test(formatted[position++] ?? '')) digits--;
  input.setSelectionRange(position, position);
}

function toOmiseCard(values: FormValues): OmiseCard {
  const expiry = parseExpiry(values.expiry);
  return {
    name: values.name.trim(),
    number: digitsOf(values.number),
    expiration_month: expiry?.month ?? 0,
    expiration_year: expiry?.year ?? 0,
    security_code: values.securityCode,
  };
}

let instances = 0;

/**
 * The signup form: email, description and card, tokenized with Omise.js and posted to the
 * proxy; then the created customer. It renders light DOM and does not style itself: `mount()`
 * and `<omise-signup>` put it in a shadow root with `styles`; a Preact app adds `styles` itself.
 *
 * @example
 * import { SignupForm, styles } from '@omise-signup/web';
 * <SignupForm endpoint="/api/customers" locale="th" onSuccess={(customer) => route(`/welcome/${customer.id}`)} />
 */
export class SignupForm extends Component<SignupFormProps, FormState> {
  override state = fresh();
  #id = `os${++instances}`;
  #flow = createSignupFlow();
  #elements: Partial<Record<Focusable, HTMLElement | null>> = {};
  #focus: Focusable | null = null;
  #warmed = false;

  override componentWillUnmount() {
    this.#live = false;
  }

  override componentDidMount() {
    this.#live = true;
    this.#report();
  }

  override componentDidUpdate() {
    const target = this.#focus;
    this.#focus = null;
    if (target) this.#elements[target]?.focus();
    this.#report();
  }

  #report() {
    const { signup } = this.state;
    this.props.onControlState?.({
      value: signup.status === 'created' ? signup.customer.id : null,
      message: (messagesFor(this.#locale) ?? en).customerRequired,
      anchor: this.#elements.email ?? null,
    });
  }

  #releaseSubmit = () => {
    // After the click that follows pointerup, not before it.
    setTimeout(() => {
      this.#pressingSubmit = false;
    });
  };

  #ref = (name: Focusable) => (el: HTMLElement | null) => {
    this.#elements[name] = el;
  };

  get #locale(): Locale {
    return pickLocale(this.props.locale, typeof document === 'object' ? document.documentElement : null);
  }

  get #rules(): Rules {
    return { card: toCardMode(this.props.card), presetDescription: this.props.description != null };
  }

  get #timeoutMs(): number {
    const ms = this.props.tokenTimeoutMs;
    return ms && ms > 0 ? ms : DEFAULT_TOKEN_TIMEOUT_MS;
  }

  /** The keys from `props` (a snapshot taken when a submit starts), else from the proxy's config. */
  async #keys(props: SignupFormProps = this.props): Promise<{ publicKey: string; omiseJsUrl: string }> {
    const { publicKey, omiseJsUrl } = props;
    if (publicKey && omiseJsUrl) return { publicKey, omiseJsUrl };
    const config = await fetchConfig(props.endpoint || DEFAULT_ENDPOINT).catch(() => {
      throw new TokenizeError({ code: 'config_unavailable' });
    });
    return { publicKey: publicKey || config.publicKey, omiseJsUrl: omiseJsUrl || config.omiseJsUrl };
  }

  /**
   * When the shopper first focuses the form, everything a submit would otherwise wait for: the
   * proxy's connection to Omise, the config, Omise.js, and the result view's date format.
   */
  #warmUp = () => {
    if (this.#warmed) return;
    this.#warmed = true;
    warmUpstream(this.props.endpoint || DEFAULT_ENDPOINT);
    // A page's first Intl.DateTimeFormat loads the locale data (10–25 ms; later ones take 0.1 ms):
    // made now, after this focus has been handled, the result view does not pay it after the submit.
    setTimeout(() => formatCreated(new Date().toISOString(), this.#locale));
    if (this.#rules.card === 'none') return;
    // A failure here is reported when the shopper submits; the memo is already cleared for it.
    this.#keys()
      .then((keys) => loadOmise(keys.omiseJsUrl, this.#timeoutMs))
      .catch(() => {});
  };

  /**
   * What one submit talks to, fixed when it starts: an attribute changed mid-submit must not
   * send a token made with one key to another endpoint. The scope keeps attempts (and their
   * token and Idempotency-Key) apart per endpoint and key.
   */
  #depsFor(props: SignupFormProps): FlowDeps {
    const endpoint = props.endpoint || DEFAULT_ENDPOINT;
    const timeoutMs = this.#timeoutMs;
    return {
      scope: `${endpoint} ${props.publicKey ?? ''}`,
      tokenize: async (card) => createToken(card, { ...(await this.#keys(props)), timeoutMs }),
      post: (body, key) => postCustomer(endpoint, body, key),
      newKey: newIdempotencyKey,
      onState: (signup) => {
        if (this.#live) this.setState({ signup });
      },
    };
  }

  /** False once unmounted (reset or removed): a submit still running then reports nothing. */
  #live = false;

  #submit = async (event?: Event) => {
    // The form is inside the shadow root, so this never submits a page form around the widget.
    event?.preventDefault();
    if (this.#flow.busy || this.props.disabled) return;
    const { values } = this.state;
    const rules = this.#rules;
    const t = messagesFor(this.#locale) ?? en;
    const invalid = FIELD_ORDER.find((field) => validateField(field, values, rules, t));
    this.setState({ touched: new Set(FIELD_ORDER), refused: new Set(), attempted: !!invalid });
    if (invalid) {
      this.#focus = invalid;
      this.setState({ signup: { status: 'editing' } });
      return;
    }
    const description = this.props.description ?? values.description.trim();
    const input: SignupInput = { email: values.email.trim() };
    if (description) input.description = description;
    if (wantsCard(values, rules)) input.card = toOmiseCard(values);

    const final = await this.#flow.submit(input, this.#depsFor(this.props));
    if (!this.#live) return;
    if (final?.status === 'created') {
      this.#focus = 'title';
      this.forceUpdate();
      this.props.onSuccess?.(final.customer);
    } else if (final?.status === 'failed') {
      const error = describeFailure(final.failure, messagesFor(this.#locale) ?? en);
      const fields = final.failure.fields ?? [];
      this.#focus = fields[0] ?? (error.retryable ? 'retry' : 'submit');
      this.setState({ refused: new Set(fields) });
      this.props.onError?.(error);
    }
  };

  #restart = () => {
    this.#flow.reset();
    this.#focus = 'email';
    this.setState(fresh());
  };

  #onInput =
    (field: FieldName, format?: (value: string, event: InputEvent) => string) =>
    (event: TargetedInputEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      if (format) reformat(input, format(input.value, event as unknown as InputEvent));
      const value = input.value;
      // Updater form: autofill fires input on several fields before Preact re-renders, and
      // this.state would still be the state before the first of them.
      this.setState(({ values, refused }) => {
        const rest = new Set(refused);
        rest.delete(field);
        return { values: { ...values, [field]: value }, refused: rest };
      });
    };

  /** True from pressing the submit button until its click: see #onBlur. */
  #pressingSubmit = false;

  #onBlur = (field: FieldName) => (event: TargetedFocusEvent<HTMLInputElement>) => {
    if (!event.currentTarget.value.trim()) return;
    // Leaving a field for the submit button: the submit checks every field anyway. Showing this
    // field's message now would push the button down mid-click, and the click would miss it.
    if (this.#pressingSubmit || event.relatedTarget === this.#elements.submit) return;
    this.setState(({ touched }) => (touched.has(field) ? null : { touched: new Set(touched).add(field) }));
  };

  #field(field: FieldName, t: Messages, failure: ReturnType<typeof describeFailure> | null) {
    const { values, touched, refused } = this.state;
    const error =
      (touched.has(field) ? validateField(field, values, this.#rules, t) : null) ??
      (refused.has(field) ? failure?.fields?.find((f) => f.field === field)?.message : null);
    return {
      id: `${this.#id}-${field}`,
      disabled: this.props.disabled,
      required: field === 'email' || (field !== 'description' && this.#rules.card === 'required'),
      name: field,
      label: t[field],
      value: values[field],
      error,
      inputRef: this.#ref(field),
      onBlur: this.#onBlur(field),
    };
  }

  override render() {
    const { signup, values, attempted } = this.state;
    const locale = this.#locale;
    const t = messagesFor(locale);
    if (!t) {
      // Thai or Japanese is still loading: hold the space rather than flash English.
      loadMessages(locale).then(() => this.forceUpdate());
      return <div class="os-root" aria-busy="true" />;
    }
    const rules = this.#rules;
    const id = this.#id;
    const busy = signup.status === 'tokenizing' || signup.status === 'submitting';
    const failure = signup.status === 'failed' ? describeFailure(signup.failure, t) : null;
    const field = (name: FieldName) => this.#field(name, t, failure);
    const brand = detectBrand(digitsOf(values.number));

    let status = '';
    if (signup.status === 'tokenizing') status = t.statusTokenizing;
    else if (signup.status === 'submitting') status = t.statusSubmitting;
    else if (signup.status === 'created') status = t.statusCreated;
    else if (failure) status = failure.message;
    else if (attempted && FIELD_ORDER.some((name) => field(name).error)) status = t.statusFix;
    const alert = !!failure || status === t.statusFix;
    const { theme, disabled } = this.props;

    return (
      <div
        class={disabled ? 'os-root os-off' : 'os-root'}
        lang={locale}
        data-theme={theme === 'light' || theme === 'dark' ? theme : undefined}
      >
        {signup.status === 'created' ? (
          <Result
            customer={signup.customer}
            t={t}
            locale={locale}
            disabled={disabled}
            titleRef={this.#ref('title')}
            onRestart={this.#restart}
          />
        ) : (
          <form noValidate aria-busy={busy ? 'true' : 'false'} onSubmit={this.#submit} onFocusIn={this.#warmUp}>
            <Field {...field('email')} type="email" autocomplete="email" onInput={this.#onInput('email')} />
            {this.props.description == null && (
              <Field
                {...field('description')}
                tag={t.optional}
                type="text"
                autocomplete="off"
                onInput={this.#onInput('description')}
              />
            )}
            {rules.card !== 'none' && (
              <fieldset aria-describedby={`${id}-secure`}>
                <legend>{t.cardLegend}</legend>
                {rules.card === 'optional' && <p class="os-hint">{t.cardOptionalHint}</p>}
                <Field {...field('name')} type="text" autocomplete="cc-name" onInput={this.#onInput('name')} />
                <Field
                  {...field('number')}
                  type="text"
                  inputMode="numeric"
                  autocomplete="cc-number"
                  placeholder="1234 1234 1234 1234"
                  describedBy={brand ? `${id}-brand` : undefined}
                  after={
                    brand && (
                      <span class="os-brand" id={`${id}-brand`}>
                        <span class="os-sr">{t.detectedBrand} </span>
                        {brand.name}
                      </span>
                    )
                  }
                  onInput={this.#onInput('number', formatCardNumber)}
                />
                <div class="os-row">
                  <Field
                    {...field('expiry')}
                    type="text"
                    inputMode="numeric"
                    autocomplete="cc-exp"
                    placeholder="MM/YY"
                    onInput={this.#onInput('expiry', (value, event) =>
                      formatExpiry(value, event.inputType?.startsWith('delete')),
                    )}
                  />
                  <Field
                    {...field('securityCode')}
                    type="text"
                    inputMode="numeric"
                    autocomplete="cc-csc"
                    hint={t.securityCodeHint}
                    onInput={this.#onInput('securityCode', (value) =>
                      digitsOf(value).slice(0, securityCodeLength(values.number) ?? 4),
                    )}
                  />
                </div>
                <p class="os-hint os-secure" id={`${id}-secure`}>
                  <svg viewBox="0 0 24 24" aria-hidden="true">
                    <rect x="4" y="10" width="16" height="11" rx="2" />
                    <path d="M8 10V7a4 4 0 0 1 8 0v3" />
                  </svg>
                  {t.secureNote}
                </p>
              </fieldset>
            )}
            <button
              type="submit"
              disabled={busy || disabled}
              ref={this.#ref('submit')}
              onPointerDown={() => {
                this.#pressingSubmit = true;
                // Released wherever the pointer goes up, on the button or not.
                for (const type of ['pointerup', 'pointercancel']) {
                  document.addEventListener(type, this.#releaseSubmit, { once: true, capture: true });
                }
              }}
            >
              {busy && <span class="os-spinner" aria-hidden="true" />}
              {busy ? t.submitBusy : t.submit}
            </button>
          </form>
        )}
        <div class={alert ? 'os-alert' : signup.status === 'created' ? 'os-sr' : 'os-info'}>
          <p role="status" class={status ? 'os-on' : undefined}>
            {status}
          </p>
          {failure?.retryable && (
            <button
              type="button"
              class="os-secondary"
              disabled={disabled}
              onClick={() => this.#submit()}
              ref={this.#ref('retry')}
            >
              {t.retry}
            </button>
          )}
        </div>
      </div>
    );
  }
}
