import { Component, type TargetedFocusEvent, type TargetedInputEvent } from 'preact';
import { fetchConfig, postCustomer, warmUpstream } from './api.ts';
import { CardFields, type CardFieldsHandle } from './CardFields.tsx';
import { type CardPlan, planFor, planFromConfig, planKey, unavailable } from './card-plan.ts';
import { type CardCheck, type CardSource, createLocalCard, type OmiseKeys } from './card-source.ts';
import { describeFailure } from './describe.ts';
import type { FieldName } from './errors.ts';
import { Field } from './Field.tsx';
import { createSignupFlow, type FlowDeps, type SignupInput, type SignupOutcome, type SignupState } from './flow.ts';
import { type SavedState, saveState } from './form-state.ts';
import { CardFrame } from './frame/CardFrame.tsx';
import type { FrameCard } from './frame/frame-card.ts';
import { CARD_FIELDS, CARD_TEXT_KEYS, type CardField, type CardText } from './frame/protocol.ts';
import { en } from './i18n/en.ts';
import { loadMessages, type Messages, messagesFor } from './i18n/index.ts';
import { newIdempotencyKey } from './idempotency.ts';
import { readSettings, type Settings, type SignupOptions } from './options.ts';
import { formatCreated, Result } from './Result.tsx';
import { isTokenizeError, TokenizeError } from './tokenizer.ts';
import { EMPTY_VALUES, FIELD_ORDER, FORM_FIELDS, type FormField, type FormValues, validateField } from './validate.ts';

/** What a form-associated host reports to its form after each render (see `element.ts`). */
export interface FormControlState {
  /** The created customer's id, the value the form submits; null until there is one. */
  value: string | null;
  /** Why the form may not submit yet, in the widget's language. */
  message: string;
  /** The first field, where the browser points its validation message; null while nothing is rendered. */
  anchor: HTMLElement | null;
  /** What Back to the page should restore (form-state.ts): never a card field. */
  state: string;
}

export interface SignupFormProps extends SignupOptions {
  /** Called after every render; `<omise-signup>` hands it to ElementInternals. */
  onControlState?: ((state: FormControlState) => void) | undefined;
}

export interface SignupProps {
  settings: Settings;
  onControlState?: ((state: FormControlState) => void) | undefined;
  /** What the browser restored for this form (Back to the page). */
  restored?: SavedState | null | undefined;
}

interface FormState {
  values: FormValues;
  signup: SignupState;
  /** Fields whose own rule messages show: blurred with a value, or all of them after a submit. */
  touched: ReadonlySet<FormField>;
  /** Fields the proxy refused, until the shopper edits them. */
  refused: ReadonlySet<FormField>;
  /** A submit found invalid fields; the status line says so until they are fixed. */
  attempted: boolean;
  /** The card fields that show a problem, as the card fields report them. */
  cardInvalid: readonly CardField[];
  /** A submit waits for the card fields' check (a frame still loading). */
  checking: boolean;
  plan: CardPlan;
}

type Focusable = FieldName | 'retry' | 'submit' | 'title';

const isCardField = (field: string): field is CardField => CARD_FIELDS.includes(field as CardField);

function initialState({ settings, restored }: SignupProps): FormState {
  return {
    values: restored?.values ?? EMPTY_VALUES,
    signup: restored?.customer ? { status: 'created', customer: restored.customer } : { status: 'editing' },
    touched: new Set(),
    refused: new Set(),
    attempted: false,
    cardInvalid: [],
    checking: false,
    plan: planFor(settings) ?? { kind: 'pending' },
  };
}

let instances = 0;

/**
 * The signup form: email, description and card; the card tokenized with Omise.js (in the card
 * frame, or inline) and its token posted to the proxy; then the created customer. It renders
 * light DOM and does not style itself: `mount()` and `<omise-signup>` put it in a shadow root with
 * `styles`. Its settings are read once, where they come in (`SignupForm`, `mount()`).
 */
export class Signup extends Component<SignupProps, FormState> {
  override state = initialState(this.props);
  #id = `os${++instances}`;
  #flow = createSignupFlow();
  #elements: Partial<Record<Focusable, HTMLElement | null>> = {};
  #focus: Focusable | null = null;
  #warmed = false;
  /** False once unmounted (reset or removed): a submit still running then reports nothing. */
  #live = false;
  /** True from a submit's start until its checks are done (the flow then says it is busy). */
  #starting = false;
  /** The settings a running submit started with: an attribute changed mid-submit must not redirect it. */
  #submitting: Settings | null = null;
  #planKey = '';
  /** The plan being asked of the config, while it is pending. */
  #planSettled: Promise<CardPlan> = Promise.resolve({ kind: 'pending' });
  #inline: CardFieldsHandle | null = null;
  #frame: FrameCard | null = null;
  /** Submits waiting for the card frame's iframe to be on the page (the plan became `frame` just now). */
  #frameWaiters: (() => void)[] = [];
  #local = createLocalCard({
    fields: () => this.#inline,
    keys: () => this.#keys(),
    timeoutMs: () => (this.#submitting ?? this.props.settings).tokenTimeoutMs,
  });

  override componentDidMount() {
    this.#live = true;
    const { plan } = this.state;
    if (plan.kind === 'unavailable' && plan.why) console.error(plan.why);
    this.#resolvePlan();
    this.#report();
  }

  override componentWillUnmount() {
    this.#live = false;
  }

  override componentDidUpdate() {
    this.#resolvePlan();
    const target = this.#focus;
    this.#focus = null;
    if (target && isCardField(target)) this.#card?.focus(target);
    else if (target) this.#elements[target]?.focus();
    this.#report();
  }

  get #t(): Messages {
    return messagesFor(this.props.settings.locale) ?? en;
  }

  /** The card fields as the form uses them, wherever they are. */
  #cardFor(plan: CardPlan): CardSource | null {
    return plan.kind === 'inline' ? this.#local : plan.kind === 'frame' ? this.#frame : null;
  }

  get #card(): CardSource | null {
    return this.#cardFor(this.state.plan);
  }

  #report() {
    const { signup, values } = this.state;
    const customer = signup.status === 'created' ? signup.customer : null;
    this.props.onControlState?.({
      value: customer?.id ?? null,
      message: this.#t.customerRequired,
      anchor: this.#elements.email ?? null,
      state: saveState(values, customer),
    });
  }

  /** Decides where the card fields live, again whenever a setting it depends on changes. */
  #resolvePlan() {
    const { settings } = this.props;
    const key = JSON.stringify([
      settings.card,
      settings.cardIsolation,
      settings.cardFrameUrl,
      !!(settings.publicKey && settings.omiseJsUrl),
      settings.endpoint,
    ]);
    if (key === this.#planKey) return;
    this.#planKey = key;
    const known = planFor(settings);
    if (known) {
      this.#setPlan(known);
      return;
    }
    this.#setPlan({ kind: 'pending' });
    this.#planSettled = fetchConfig(settings.endpoint)
      .then(
        (config) => planFromConfig(settings, config),
        // Not inline: the config may name a frame, and card details must not land in the page meanwhile.
        () => unavailable('config_unavailable'),
      )
      .then((plan) => {
        if (this.#live && this.#planKey === key) this.#setPlan(plan);
        return plan;
      });
  }

  #setPlan(plan: CardPlan) {
    if (planKey(plan) === planKey(this.state.plan)) return;
    if (plan.kind === 'unavailable' && plan.why) console.error(plan.why);
    this.#warmed = false;
    this.setState({ plan, cardInvalid: [] });
  }

  /** Omise's keys for inline card fields: the settings', else the proxy's config. */
  async #keys(): Promise<OmiseKeys> {
    const settings = this.#submitting ?? this.props.settings;
    const { publicKey, omiseJsUrl } = settings;
    if (publicKey && omiseJsUrl) return { publicKey, omiseJsUrl };
    const config = await fetchConfig(settings.endpoint).catch(() => {
      throw new TokenizeError({ code: 'config_unavailable' });
    });
    return { publicKey: publicKey || config.publicKey, omiseJsUrl: omiseJsUrl || config.omiseJsUrl };
  }

  /**
   * When the shopper first focuses the form, everything a submit would otherwise wait for: the
   * proxy's connection to Omise, Omise.js (inline; the frame loads it for its own fields), and the
   * result view's date format. Again once the card plan changes (it resets `#warmed`).
   */
  #warmUp = () => {
    if (this.#warmed) return;
    this.#warmed = true;
    const { settings } = this.props;
    warmUpstream(settings.endpoint);
    // A page's first Intl.DateTimeFormat loads the locale data (10–25 ms; later ones take 0.1 ms):
    // made now, after this focus has been handled, the result view does not pay it after the submit.
    setTimeout(() => formatCreated(new Date().toISOString(), settings.locale));
    this.#card?.warm();
  };

  #submit = async (event?: Event) => {
    // The form is inside the shadow root, so this never submits a page form around the widget.
    event?.preventDefault();
    const { settings } = this.props;
    if (this.#starting || this.#flow.busy || settings.disabled) return;
    this.#starting = true;
    try {
      await this.#start(settings);
    } finally {
      this.#starting = false;
    }
  };

  /** Checks every field (the card fields where they live), then runs the signup when all are fine. */
  async #start(settings: Settings) {
    let plan = this.state.plan.kind === 'pending' ? await this.#planSettled : this.state.plan;
    if (plan.kind === 'unavailable' && plan.code === 'config_unavailable') {
      // The config could not be read: a submit (or "Try again") asks for it again first.
      this.#planKey = '';
      this.#resolvePlan();
      plan = await this.#planSettled;
    }
    const { values } = this.state;
    const t = this.#t;
    const invalid: FieldName[] = FORM_FIELDS.filter((field) =>
      validateField(field, values, settings.description != null, t),
    );
    this.setState({ touched: new Set(FORM_FIELDS), refused: new Set() });
    if (plan.kind === 'unavailable' && settings.card === 'required') {
      this.#settle({ status: 'failed', failure: { code: plan.code } });
      return;
    }
    if (plan.kind === 'frame' && !this.#frame) await new Promise<void>((resolve) => this.#frameWaiters.push(resolve));
    const card = this.#cardFor(plan);
    let check: CardCheck = { invalid: [], empty: true };
    if (card) {
      // A check is one message to the frame; say the form is busy only when it takes longer (the frame still loading).
      const slow = setTimeout(() => this.#live && this.setState({ checking: true }), 100);
      try {
        check = await card.check();
      } catch (error) {
        this.#settle({ status: 'failed', failure: isTokenizeError(error) ? error.failure : { code: 'token_failed' } });
        return;
      } finally {
        clearTimeout(slow);
        if (this.#live && this.state.checking) this.setState({ checking: false });
      }
    }
    if (!this.#live) return;
    const first = FIELD_ORDER.find((field) => invalid.includes(field) || check.invalid.includes(field as CardField));
    this.setState({ attempted: !!first });
    if (first) {
      this.#focus = first;
      this.setState({ signup: { status: 'editing' } });
      return;
    }
    const description = settings.description ?? values.description.trim();
    const input: SignupInput = { email: values.email.trim() };
    if (description) input.description = description;
    if (card && (settings.card === 'required' || !check.empty)) input.card = true;
    this.#submitting = settings;
    try {
      const outcome = await this.#flow.submit(input, this.#deps(settings, plan, card));
      if (outcome) this.#settle(outcome);
    } finally {
      this.#submitting = null;
    }
  }

  /**
   * What one submit talks to, fixed when it starts: an attribute changed mid-submit must not
   * send a token made with one key to another endpoint. The scope keeps attempts (and their
   * Idempotency-Key) apart per endpoint, key and frame.
   */
  #deps(settings: Settings, plan: CardPlan, card: CardSource | null): FlowDeps {
    return {
      scope: `${settings.endpoint} ${settings.publicKey ?? ''} ${plan.kind === 'frame' ? plan.url.origin : ''}`,
      tokenize: async () => {
        if (!card) throw new TokenizeError({ code: 'token_failed' });
        return (await card.tokenize()).token;
      },
      spent: (token) => card?.spent(token),
      post: (body, key) => postCustomer(settings.endpoint, body, key),
      newKey: newIdempotencyKey,
      onProgress: (status) => {
        if (this.#live) this.setState({ signup: { status } });
      },
    };
  }

  /** The one place a finished submit lands: the state, the focus, the refused fields and the callbacks. */
  #settle(outcome: SignupOutcome) {
    if (!this.#live) return;
    const { settings } = this.props;
    if (outcome.status === 'created') {
      this.#focus = 'title';
      this.setState({ signup: outcome });
      settings.onSuccess?.(outcome.customer);
      return;
    }
    const error = describeFailure(outcome.failure, this.#t);
    const fields = outcome.failure.fields ?? [];
    const cardFields = fields.filter(isCardField);
    if (cardFields.length) this.#card?.refuse(cardFields);
    this.#focus = fields[0] ?? (error.retryable ? 'retry' : 'submit');
    this.setState({ signup: outcome, refused: new Set(fields.filter((field) => !isCardField(field)) as FormField[]) });
    settings.onError?.(error);
  }

  #restart = () => {
    this.#flow.reset();
    this.#focus = 'email';
    this.#warmed = false;
    this.setState({ ...initialState({ settings: this.props.settings }), plan: this.state.plan });
  };

  #onInput = (field: FormField) => (event: TargetedInputEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    // Updater form: autofill fires input on several fields before Preact re-renders, and
    // this.state would still be the state before the first of them.
    this.setState(({ values, refused }) => {
      const rest = new Set(refused);
      rest.delete(field);
      return { values: { ...values, [field]: value }, refused: rest };
    });
  };

  /** True from pressing the submit button until its click: see #leavesForSubmit. */
  #pressingSubmit = false;

  #releaseSubmit = () => {
    // After the click that follows pointerup, not before it.
    setTimeout(() => {
      this.#pressingSubmit = false;
    });
  };

  /**
   * Leaving a field for the submit button: the submit checks every field anyway. Showing this
   * field's message now would push the button down mid-click, and the click would miss it.
   */
  #leavesForSubmit = (event: FocusEvent) => this.#pressingSubmit || event.relatedTarget === this.#elements.submit;

  #onBlur = (field: FormField) => (event: TargetedFocusEvent<HTMLInputElement>) => {
    if (!event.currentTarget.value.trim() || this.#leavesForSubmit(event as unknown as FocusEvent)) return;
    this.setState(({ touched }) => (touched.has(field) ? null : { touched: new Set(touched).add(field) }));
  };

  #onCardState = (cardInvalid: CardField[]) => this.setState({ cardInvalid });

  #ref = (name: Focusable) => (el: HTMLElement | null) => {
    this.#elements[name] = el;
  };

  #field(field: FormField, t: Messages, failure: ReturnType<typeof describeFailure> | null) {
    const { values, touched, refused } = this.state;
    const error =
      (touched.has(field) ? validateField(field, values, this.props.settings.description != null, t) : null) ??
      (refused.has(field) ? failure?.fields?.find((f) => f.field === field)?.message : null);
    return {
      id: `${this.#id}-${field}`,
      disabled: this.props.settings.disabled,
      required: field === 'email',
      name: field,
      label: t[field],
      value: values[field],
      error,
      inputRef: this.#ref(field),
      onBlur: this.#onBlur(field),
      onInput: this.#onInput(field),
    };
  }

  #cardFields(t: Messages) {
    const { settings } = this.props;
    const { plan } = this.state;
    const requirement = settings.card === 'optional' ? 'optional' : 'required';
    const text = Object.fromEntries(CARD_TEXT_KEYS.map((key) => [key, t[key]])) as CardText;
    switch (plan.kind) {
      case 'inline':
        return (
          <CardFields
            id={this.#id}
            text={text}
            requirement={requirement}
            disabled={settings.disabled}
            markOnBlur={(event) => !this.#leavesForSubmit(event)}
            handle={(handle) => {
              this.#inline = handle;
            }}
            onState={this.#onCardState}
          />
        );
      case 'frame':
        return (
          <CardFrame
            key={plan.url.href}
            url={plan.url}
            title={t.cardFrameTitle}
            theme={settings.theme}
            settings={{
              locale: settings.locale,
              text,
              card: requirement,
              disabled: settings.disabled,
              timeoutMs: settings.tokenTimeoutMs,
              ...(settings.fontStylesheet ? { fontStylesheet: settings.fontStylesheet } : {}),
            }}
            card={(card) => {
              this.#frame = card;
              if (card) for (const wake of this.#frameWaiters.splice(0)) wake();
            }}
            onState={this.#onCardState}
            onSubmit={() => this.#submit()}
          />
        );
      case 'pending':
        // Holds the frame's space while the config says where the card fields live.
        return <div class="os-frame" aria-busy="true" />;
      case 'unavailable':
        return <p class="os-error">{t.errors[plan.code]}</p>;
      default:
        return null;
    }
  }

  override render() {
    const { signup, attempted, cardInvalid, checking } = this.state;
    const { settings } = this.props;
    const { locale, theme, disabled } = settings;
    const t = messagesFor(locale);
    if (!t) {
      // Thai or Japanese is still loading: hold the space rather than flash English.
      loadMessages(locale).then(() => this.forceUpdate());
      return <div class="os-root" aria-busy="true" />;
    }
    const id = this.#id;
    const busy = checking || signup.status === 'tokenizing' || signup.status === 'submitting';
    const failure = signup.status === 'failed' ? describeFailure(signup.failure, t) : null;
    const field = (name: FormField) => this.#field(name, t, failure);

    let status = '';
    if (signup.status === 'tokenizing') status = t.statusTokenizing;
    else if (signup.status === 'submitting') status = t.statusSubmitting;
    else if (signup.status === 'created') status = t.statusCreated;
    else if (failure) status = failure.message;
    else if (attempted && (FORM_FIELDS.some((name) => field(name).error) || cardInvalid.length)) status = t.statusFix;
    const alert = !!failure || status === t.statusFix;

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
            <Field {...field('email')} type="email" autocomplete="email" />
            {settings.description == null && (
              <Field {...field('description')} tag={t.optional} type="text" autocomplete="off" />
            )}
            {settings.card !== 'none' && (
              <fieldset aria-describedby={`${id}-secure`}>
                <legend>{t.cardLegend}</legend>
                {settings.card === 'optional' && <p class="os-hint">{t.cardOptionalHint}</p>}
                {this.#cardFields(t)}
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

/**
 * The signup form as a Preact component, for Preact apps; it renders light DOM and does not
 * style itself (add `styles`, which scopes every rule under `.os-root`).
 *
 * @example
 * import { SignupForm, styles } from '@omise-signup/web';
 * <SignupForm endpoint="/api/customers" locale="th" onSuccess={(customer) => route(`/welcome/${customer.id}`)} />
 */
export function SignupForm({ onControlState, ...options }: SignupFormProps) {
  return <Signup settings={readSettings(options)} onControlState={onControlState} />;
}
