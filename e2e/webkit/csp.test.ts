import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CARDS } from '../fixtures/cards.ts';
import type { Violation } from '../fixtures/pages.ts';
import { useWebKit } from './harness.ts';

describe('WebKit: under a strict Content-Security-Policy', () => {
  const webkit = useWebKit();

  test('the widget works and causes no securitypolicyviolation, while the policy is enforced', async () => {
    const signup = await webkit.openSite('csp');
    await signup.fill({ email: 'csp@example.com', description: 'Strict page', card: CARDS.visa });
    await signup.submit();
    assert.equal((await signup.result()).Description, 'Strict page');
    assert.deepEqual(
      (await webkit.sandbox.customers()).map((c) => c.email),
      ['csp@example.com'],
    );
    assert.deepEqual(await webkit.recorded<Violation>('cspViolations'), []);

    // The page does enforce its policy: an inline style is refused and recorded.
    await webkit.browser.execute(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await signup.until('the probe violation', async () => {
      const seen = await webkit.recorded<Violation>('cspViolations');
      return seen.length > 0 ? seen : null;
    });
    assert.deepEqual(
      (await webkit.recorded<Violation>('cspViolations')).map((v) => v.directive),
      ['style-src-attr'],
    );
  });
});
