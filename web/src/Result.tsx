import type { Ref } from 'preact';
import { fill, type Locale, type Messages } from './i18n/index.ts';
import { type SignupCustomer, viewOf } from './response.ts';

export interface ResultProps {
  customer: SignupCustomer;
  t: Messages;
  locale: Locale;
  disabled?: boolean | undefined;
  /** The heading; the form moves focus here so screen readers start at the result (WCAG 2.4.3). */
  titleRef: Ref<HTMLHeadingElement>;
  onRestart: () => void;
}

/** `2025-03-20T09:12:02Z` → "20 Mar 2025, 16:12" in the widget's locale and the shopper's time zone. */
export function formatCreated(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The created customer: id, email, description, card, expiry, created date; each shown when Omise sent it. */
export function Result({ customer, t, locale, disabled, titleRef, onRestart }: ResultProps) {
  const { email, description, card, createdAt } = viewOf(customer);
  const cardValue = card?.lastDigits
    ? fill(t.resultCardValue, { brand: card.brand ?? t.resultCard, last4: card.lastDigits })
    : card?.brand;
  return (
    <section>
      <h2 tabIndex={-1} ref={titleRef}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="10" />
          <path d="m8 12.5 3 3 5-6" />
        </svg>
        {t.resultTitle}
      </h2>
      <dl>
        <dt>{t.resultCustomerId}</dt>
        <dd class="os-mono">{customer.id}</dd>
        <dt>{t.email}</dt>
        <dd>{email ?? t.resultNone}</dd>
        <dt>{t.description}</dt>
        <dd>{description ?? t.resultNone}</dd>
        <dt>{t.resultCard}</dt>
        <dd>{cardValue ?? t.resultNone}</dd>
        {card?.expiry && <dt>{t.resultExpires}</dt>}
        {card?.expiry && <dd>{card.expiry}</dd>}
        {createdAt && <dt>{t.resultCreated}</dt>}
        {createdAt && (
          <dd>
            <time dateTime={createdAt}>{formatCreated(createdAt, locale)}</time>
          </dd>
        )}
      </dl>
      <button type="button" class="os-secondary" disabled={disabled} onClick={onRestart}>
        {t.startAgain}
      </button>
    </section>
  );
}
