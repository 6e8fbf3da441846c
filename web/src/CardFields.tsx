import { Component, type TargetedFocusEvent, type TargetedInputEvent, type TargetedKeyboardEvent } from 'preact';
import { detectBrand, digitsOf, formatCardNumber, formatExpiry, securityCodeLength } from './card.ts';
import { type CardRequirement, type CardValues, EMPTY_CARD, type ReadCard, readCard } from './card-rules.ts';
import { Field } from './Field.tsx';
import { CARD_FIELDS, type CardField, type CardText } from './frame/protocol.ts';

/** What the form asks of the card fields. */
export interface CardFieldsHandle {
  /** Shows every field's message; says which fields are invalid and whether all are empty. */
  check(): { invalid: CardField[]; empty: boolean };
  /** The fields read once: their problems, or the card for Omise.js. */
  read(): ReadCard;
  /** Omise or the proxy refused these fields: say so at each until it is edited. */
  refuse(fields: CardField[]): void;
  focus(field: CardField): void;
}

export interface CardFieldsProps {
  /** Prefix of the inputs' ids. */
  id: string;
  text: CardText;
  requirement: CardRequirement;
  disabled?: boolean | undefined;
  /** Whether leaving a field now shows its message (not when the shopper is pressing the submit button). */
  markOnBlur: (event: FocusEvent) => boolean;
  handle: (handle: CardFieldsHandle | null) => void;
  /** The fields that show a problem, after every change of them. */
  onState?: ((invalid: CardField[]) => void) | undefined;
  /** Enter in a field; without it Enter submits the form the fields are in. */
  onEnter?: (() => void) | undefined;
}

interface CardFieldsState {
  values: CardValues;
  /** Fields whose messages show: left with a value, or all of them after a submit. */
  touched: ReadonlySet<CardField>;
  refused: ReadonlySet<CardField>;
}

const AUTOCOMPLETE: Record<CardField, string> = {
  name: 'cc-name',
  number: 'cc-number',
  expiry: 'cc-exp',
  securityCode: 'cc-csc',
};

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

/**
 * Name on card, card number, expiry and security code: formatting as typed, the brand, every
 * check, `cc-*` autofill. The same component runs inline in the widget and inside the card frame.
 */
export class CardFields extends Component<CardFieldsProps, CardFieldsState> {
  override state: CardFieldsState = { values: EMPTY_CARD, touched: new Set(), refused: new Set() };
  #inputs: Partial<Record<CardField, HTMLInputElement | null>> = {};
  #reported = '';

  #read = (values = this.state.values) => readCard(values, this.props.requirement, this.props.text);

  #handle: CardFieldsHandle = {
    check: () => {
      this.setState({ touched: new Set(CARD_FIELDS), refused: new Set() });
      const { problems, empty } = this.#read();
      return { invalid: CARD_FIELDS.filter((field) => problems[field]), empty };
    },
    read: () => this.#read(),
    refuse: (fields) => this.setState({ refused: new Set(fields) }),
    focus: (field) => this.#inputs[field]?.focus(),
  };

  override componentDidMount() {
    this.props.handle(this.#handle);
    this.#report();
  }

  override componentDidUpdate() {
    this.#report();
  }

  override componentWillUnmount() {
    this.props.handle(null);
  }

  #problems(): Partial<Record<CardField, string>> {
    const { touched, refused } = this.state;
    const { problems } = this.#read();
    const shown: Partial<Record<CardField, string>> = {};
    for (const field of CARD_FIELDS) {
      const message =
        (touched.has(field) ? problems[field] : null) ?? (refused.has(field) ? this.props.text.rejectedCard : null);
      if (message) shown[field] = message;
    }
    return shown;
  }

  #report() {
    const invalid = CARD_FIELDS.filter((field) => this.#problems()[field]);
    const key = invalid.join();
    if (key === this.#reported) return;
    this.#reported = key;
    this.props.onState?.(invalid);
  }

  #onInput =
    (field: CardField, format?: (value: string, event: InputEvent) => string) =>
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

  #onBlur = (field: CardField) => (event: TargetedFocusEvent<HTMLInputElement>) => {
    if (!event.currentTarget.value.trim() || !this.props.markOnBlur(event as unknown as FocusEvent)) return;
    this.setState(({ touched }) => (touched.has(field) ? null : { touched: new Set(touched).add(field) }));
  };

  #onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    // Not while an input method is composing (Japanese, Thai): that Enter picks a word.
    if (!this.props.onEnter || event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.props.onEnter();
  };

  #field(field: CardField, problems: Partial<Record<CardField, string>>) {
    const { id, text, disabled, requirement } = this.props;
    return {
      id: `${id}-${field}`,
      name: field,
      label: text[field],
      value: this.state.values[field],
      type: 'text' as const,
      autocomplete: AUTOCOMPLETE[field],
      inputMode: field === 'name' ? undefined : ('numeric' as const),
      required: requirement === 'required',
      disabled,
      error: problems[field],
      inputRef: (el: HTMLInputElement | null) => {
        this.#inputs[field] = el;
      },
      onBlur: this.#onBlur(field),
      onKeyDown: this.props.onEnter ? this.#onKeyDown : undefined,
    };
  }

  override render() {
    const { id, text } = this.props;
    const { values } = this.state;
    const problems = this.#problems();
    const brand = detectBrand(digitsOf(values.number));
    return (
      <>
        <Field {...this.#field('name', problems)} onInput={this.#onInput('name')} />
        <Field
          {...this.#field('number', problems)}
          placeholder="1234 1234 1234 1234"
          describedBy={brand ? `${id}-brand` : undefined}
          after={
            brand && (
              <span class="os-brand" id={`${id}-brand`}>
                <span class="os-sr">{text.detectedBrand} </span>
                {brand.name}
              </span>
            )
          }
          onInput={this.#onInput('number', formatCardNumber)}
        />
        <div class="os-row">
          <Field
            {...this.#field('expiry', problems)}
            placeholder="MM/YY"
            onInput={this.#onInput('expiry', (value, event) =>
              formatExpiry(value, event.inputType?.startsWith('delete')),
            )}
          />
          <Field
            {...this.#field('securityCode', problems)}
            hint={text.securityCodeHint}
            onInput={this.#onInput('securityCode', (value) =>
              digitsOf(value).slice(0, securityCodeLength(values.number) ?? 4),
            )}
          />
        </div>
      </>
    );
  }
}
