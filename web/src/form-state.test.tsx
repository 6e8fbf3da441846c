import { CreatedCustomer, Customer, normaliseCustomer } from '@omise-signup/shared';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import created from '../../shared/test-data/customers-create.json' with { type: 'json' };
import { defineOmiseSignup } from './element.ts';
import { readState, saveState } from './form-state.ts';
import { installFakeInternals } from './test/fake-internals.ts';

const CUSTOMER = CreatedCustomer.parse(normaliseCustomer(Customer.parse(created)));
let internals: ReturnType<typeof installFakeInternals>;

beforeAll(() => {
  defineOmiseSignup();
});
beforeEach(() => {
  internals = installFakeInternals();
});
afterEach(() => {
  document.body.replaceChildren();
  internals.uninstall();
});

function placeInForm() {
  const form = document.createElement('form');
  document.body.append(form);
  const host = document.createElement('omise-signup');
  host.setAttribute('name', 'omise_customer');
  host.setAttribute('card-isolation', 'inline');
  host.setAttribute('card', 'optional');
  form.append(host);
  return { host, ui: within(host.shadowRoot as unknown as HTMLElement) };
}

describe('what Back to the page restores', () => {
  it('saves the email, the description and the customer shown, and never a card field', async () => {
    const { host, ui } = placeInForm();
    fireEvent.input(ui.getByLabelText('Email'), { target: { value: 'somchai@example.com' } });
    fireEvent.input(ui.getByLabelText('Description'), { target: { value: 'Gold' } });
    fireEvent.input(ui.getByLabelText('Card number'), { target: { value: '4242 4242 4242 4242' } });
    fireEvent.input(ui.getByLabelText('Security code'), { target: { value: '737' } });
    await waitFor(() =>
      expect(readState(internals.of(host).state)?.values).toEqual({
        email: 'somchai@example.com',
        description: 'Gold',
      }),
    );
    expect(String(internals.of(host).state)).not.toMatch(/4242|737/);
  });

  it('shows the customer already created, so the page form can be sent again without a second one', async () => {
    const { host, ui } = placeInForm();
    const state = saveState({ email: String(CUSTOMER.email), description: '' }, CUSTOMER);
    (host as unknown as { formStateRestoreCallback(state: unknown, reason: string): void }).formStateRestoreCallback(
      state,
      'restore',
    );
    expect(await ui.findByRole('heading', { name: 'Your account is ready' })).toBeTruthy();
    expect(ui.getByText(CUSTOMER.id)).toBeTruthy();
    expect(host.value).toBe(CUSTOMER.id);
    expect(internals.of(host).value).toBe(CUSTOMER.id);
  });

  it('puts back the email and description typed, and ignores autofill and anything unreadable', async () => {
    const { host, ui } = placeInForm();
    const restore = (state: unknown, reason: string) =>
      (host as unknown as { formStateRestoreCallback(state: unknown, reason: string): void }).formStateRestoreCallback(
        state,
        reason,
      );
    restore(saveState({ email: 'kept@example.com', description: 'Kept' }, null), 'autocomplete');
    restore('{"v":2}', 'restore');
    restore('not json', 'restore');
    expect((ui.getByLabelText('Email') as HTMLInputElement).value).toBe('');
    restore(saveState({ email: 'kept@example.com', description: 'Kept' }, null), 'restore');
    await waitFor(() => expect((ui.getByLabelText('Email') as HTMLInputElement).value).toBe('kept@example.com'));
    expect((ui.getByLabelText('Description') as HTMLInputElement).value).toBe('Kept');
    expect(host.value).toBe('');
  });
});

describe('the saved state', () => {
  it('keeps of the customer what the result shows, and reads back as a customer', () => {
    const saved = saveState({ email: 'a@example.com', description: '' }, { ...CUSTOMER, metadata: { user_id: '42' } });
    expect(saved).not.toContain('user_id');
    const read = readState(saved);
    expect(read?.customer).toMatchObject({ id: CUSTOMER.id, email: CUSTOMER.email, created_at: CUSTOMER.created_at });
    const cards = (customer: unknown) => (customer as { cards: { data: unknown[] } }).cards.data;
    expect(cards(read?.customer)).toHaveLength(cards(CUSTOMER).length ? 1 : 0);
  });
});
