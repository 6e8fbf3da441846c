import type { ComponentChildren, TargetedFocusEvent, TargetedInputEvent, TargetedKeyboardEvent } from 'preact';

export interface FieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  type: 'text' | 'email';
  autocomplete: string;
  inputMode?: 'numeric' | undefined;
  placeholder?: string | undefined;
  /** Announced as required; the form is noValidate, so the browser never blocks on it. */
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  /** Shown beside the label, e.g. "Optional". */
  tag?: string | undefined;
  hint?: string | undefined;
  error?: string | null | undefined;
  /** Extra ids for aria-describedby (e.g. the detected brand). */
  describedBy?: string | undefined;
  /** Rendered after the input, inside its wrapper (the brand badge). */
  after?: ComponentChildren;
  inputRef?: (el: HTMLInputElement | null) => void;
  onInput: (event: TargetedInputEvent<HTMLInputElement>) => void;
  onBlur: (event: TargetedFocusEvent<HTMLInputElement>) => void;
  onKeyDown?: ((event: TargetedKeyboardEvent<HTMLInputElement>) => void) | undefined;
}

/** A visible label, the input, its hint and its error, tied together with ARIA (WCAG 1.3.1, 3.3.1). */
export function Field(props: FieldProps) {
  const { id, hint, error } = props;
  const tagId = props.tag ? `${id}-tag` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [tagId, props.describedBy, hintId, errorId].filter(Boolean).join(' ') || undefined;
  // Names, emails and card data are not prose: no spellcheck or auto-capitals.
  return (
    <div class="os-field">
      {/* The tag sits outside the label so the accessible name is exactly the label. */}
      <div class="os-label">
        <label for={id}>{props.label}</label>
        {props.tag && <span id={tagId}>{props.tag}</span>}
      </div>
      <div class="os-control">
        <input
          id={id}
          ref={props.inputRef}
          name={props.name}
          // Preact's input types are a union per `type`; both of ours are plain text boxes.
          type={props.type as 'text'}
          value={props.value}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          required={props.required}
          disabled={props.disabled}
          spellcheck={false}
          autocapitalize={props.type === 'email' || props.inputMode ? 'off' : undefined}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={described}
          onInput={props.onInput}
          onBlur={props.onBlur}
          onKeyDown={props.onKeyDown}
        />
        {props.after}
      </div>
      {hint && (
        <p class="os-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="os-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
