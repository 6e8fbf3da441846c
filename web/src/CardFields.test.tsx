import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardFields, type CardFieldsHandle, type CardFieldsProps } from './CardFields.tsx';
import { CARD_TEXT_KEYS, type CardText } from './frame/protocol.ts';
import { en } from './i18n/en.ts';

const text = Object.fromEntries(CARD_TEXT_KEYS.map((key) => [key, en[key]])) as CardText;

function setup(props: Partial<CardFieldsProps> = {}) {
  let handle: CardFieldsHandle | null = null;
  const onEnter = vi.fn();
  const onState = vi.fn();
  render(
    <form>
      <CardFields
        id="card"
        text={text}
        requirement="required"
        markOnBlur={(event) => event.relatedTarget !== null}
        handle={(h) => {
          handle = h;
        }}
        onState={onState}
        onEnter={onEnter}
        {...props}
      />
    </form>,
  );
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
  return { handle: () => handle as unknown as CardFieldsHandle, onEnter, onState, field };
}

afterEach(cleanup);

describe('the card fields', () => {
  it('sit in one form with the cc-* autofill names, so a browser fills the whole card at once', () => {
    const { field } = setup();
    const form = field('Name on card').form;
    expect(form).not.toBeNull();
    const autofill = ['Name on card', 'Card number', 'Expiry (MM/YY)', 'Security code'].map((label) => [
      field(label).form === form,
      field(label).autocomplete,
      field(label).inputMode,
    ]);
    expect(autofill).toEqual([
      [true, 'cc-name', ''],
      [true, 'cc-number', 'numeric'],
      [true, 'cc-exp', 'numeric'],
      [true, 'cc-csc', 'numeric'],
    ]);
  });

  it('say Enter, but not the Enter that ends an input method’s composition', () => {
    const { field, onEnter } = setup();
    fireEvent.keyDown(field('Card number'), { key: 'Enter', isComposing: true });
    expect(onEnter).not.toHaveBeenCalled();
    fireEvent.keyDown(field('Card number'), { key: 'Enter' });
    expect(onEnter).toHaveBeenCalledTimes(1);
  });

  it('show a field’s message when the shopper moves to another field, not when focus leaves them', async () => {
    const { field, onState } = setup();
    fireEvent.input(field('Card number'), { target: { value: '4242' } });
    fireEvent.blur(field('Card number'), { relatedTarget: null });
    expect(screen.queryByText('This card number is too short.')).toBeNull();
    fireEvent.blur(field('Card number'), { relatedTarget: field('Expiry (MM/YY)') });
    expect(await screen.findByText('This card number is too short.')).toBeTruthy();
    expect(onState).toHaveBeenLastCalledWith(['number']);
  });

  it('check every field at once, and say which are at fault and whether the card is empty', async () => {
    const { handle, field } = setup();
    expect(handle().check()).toEqual({ invalid: ['name', 'number', 'expiry', 'securityCode'], empty: true });
    expect(await screen.findByText('Enter the card number.')).toBeTruthy();
    fireEvent.input(field('Name on card'), { target: { value: 'A B' } });
    fireEvent.input(field('Card number'), { target: { value: '4242424242424242' } });
    fireEvent.input(field('Expiry (MM/YY)'), { target: { value: '12/34' } });
    fireEvent.input(field('Security code'), { target: { value: '123' } });
    expect(handle().check()).toEqual({ invalid: [], empty: false });
  });

  it('say a refusal at a field until it is edited', async () => {
    const { handle, field } = setup();
    handle().refuse(['number']);
    expect(await screen.findByText('Omise did not accept this. Check it on your card.')).toBeTruthy();
    expect(field('Card number').getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(field('Card number'), { target: { value: '4' } });
    expect(screen.queryByText('Omise did not accept this. Check it on your card.')).toBeNull();
  });
});
