import { normaliseCustomer, readCustomer } from '@omise-signup/shared';
import { cleanup, render, within } from '@testing-library/preact';
import { createRef } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { bare, DOCS_EXAMPLES, withEachOptionalKeyGone } from '../../shared/src/test-support/docs-examples.ts';
import { en } from './i18n/en.ts';
import { Result } from './Result.tsx';
import { parseCustomer } from './response.ts';

afterEach(cleanup);

/** The result view's rows, as a shopper reads them: label → value. */
function renderResult(answer: unknown) {
  const customer = parseCustomer(answer);
  if (!customer) throw new Error('the widget refused a created customer');
  const { container } = render(
    <Result customer={customer} t={en} locale="en" titleRef={createRef()} onRestart={() => {}} />,
  );
  const terms = [...container.querySelectorAll('dt')].map((dt) => dt.textContent ?? '');
  const values = [...container.querySelectorAll('dd')].map((dd) => dd.textContent ?? '');
  expect(within(container as HTMLElement).getByRole('heading').textContent).toBe(en.resultTitle);
  return Object.fromEntries(terms.map((term, i) => [term, values[i]]));
}

/** What the proxy would answer for Omise's `answer`: its tolerant reading, then JSON on the wire. */
const throughProxy = (answer: unknown) => {
  const read = readCustomer(answer);
  if (!('customer' in read)) throw new Error(`the proxy would refuse it: ${read.shape.problem}`);
  return JSON.parse(JSON.stringify(normaliseCustomer(read.customer)));
};

describe.each(DOCS_EXAMPLES)("Omise's documented $version customer in the result view", ({ answer }) => {
  it('shows every part of it', () => {
    const rows = renderResult(throughProxy(answer));
    expect(rows).toEqual({
      'Customer ID': answer.id,
      Email: 'somchai.prasert@example.com',
      Description: 'Somchai Prasert',
      Card: 'Visa ending in 4242',
      Expires: expect.stringMatching(/^\d{2}\/20\d{2}$/),
      Created: expect.stringMatching(/20\d{2}/),
    });
  });

  it('renders with any optional key missing or null, showing what is left', () => {
    for (const variant of withEachOptionalKeyGone(answer)) {
      const rows = renderResult(throughProxy(variant.answer));
      expect(rows['Customer ID'], variant.label).toBe(answer.id);
      cleanup();
    }
  });

  it('renders a customer with nothing but object and id', () => {
    expect(renderResult(throughProxy(bare(answer)))).toEqual({
      'Customer ID': answer.id,
      Email: 'None',
      Description: 'None',
      Card: 'None',
    });
  });
});
