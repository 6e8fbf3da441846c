import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { measureInPage, readmeRow, recordSupport, verdicts } from '../fixtures/compat.ts';
import { useWebKit } from './harness.ts';

describe('WebKit: what the engine gives the widget', () => {
  const webkit = useWebKit();

  test('records what WebKit gives the widget, and the README says the same', async () => {
    // The page measures the card fields themselves, so they are inline there (card-isolation="inline").
    await webkit.openSite('compat', { isolation: 'inline' });
    const support = await webkit.browser.execute(measureInPage);
    recordSupport('WebKit', webkit.version, support);
    assert.deepEqual(verdicts(support), readmeRow('WebKit'), JSON.stringify(support, null, 2));
  });
});
