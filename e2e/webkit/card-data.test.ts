import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CARDS } from '../fixtures/cards.ts';
import { startWiretap, type Wiretap } from '../fixtures/wiretap.ts';
import { useWebKit } from './harness.ts';

describe('WebKit: the card number never reaches the proxy', () => {
  const webkit = useWebKit();
  let wiretap: Wiretap;
  before(async () => {
    wiretap = await startWiretap(webkit.stack.proxy.url);
    // The demo page is served from the wiretap's origin now: the card frame must let it frame it.
    webkit.stack.cardFrame.serve([...webkit.stack.cardFrame.hostOrigins, wiretap.url]);
  });
  after(() => wiretap?.close());

  test('the card frame sends the card to the vault; the proxy receives only the token', async () => {
    // The demo page through a recorder on the proxy's way in: all the browser sends it crosses there.
    const signup = await webkit.openDemo({ baseUrl: wiretap.url });
    await signup.fill({ email: 'token-only@example.com', description: 'Basic plan', card: CARDS.visa });
    await signup.submit();
    await signup.result();

    assert.ok(wiretap.received.length > 2, 'the page, its assets, the config and the create went through');
    const secrets = [CARDS.visa.number, '4242 4242 4242 4242', CARDS.visa.name, encodeURIComponent(CARDS.visa.name)];
    for (const request of wiretap.received) {
      const wire = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body ?? ''}`;
      for (const secret of secrets)
        assert.ok(!wire.includes(secret), `${request.method} ${request.url} carries ${secret}`);
    }
    const creates = wiretap.received.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/customers');
    assert.equal(creates.length, 1);
    const body = JSON.parse(creates[0]?.body ?? '{}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['card', 'description', 'email']);
    assert.equal(body.email, 'token-only@example.com');
    assert.match(String(body.card), /^tokn_test_\w+$/);

    // Omise.js and the card went to the vault from the card frame's origin (the Origin header says
    // which document sent each), and nothing reached it from the page.
    const frameOrigin = new URL(webkit.stack.cardFrame.url).origin;
    const vault = await webkit.sandbox.requests({ target: 'vault' });
    assert.deepEqual([...new Set(vault.map((r) => r.headers.origin))], [frameOrigin]);
    assert.deepEqual(
      vault.filter((r) => r.method !== 'OPTIONS').map((r) => `${r.method} ${r.path}`),
      ['GET /omise.js', 'POST /tokens'],
    );
    const [tokenRequest] = await webkit.sandbox.tokenRequests();
    assert.equal((tokenRequest?.body as { card?: { number?: string } })?.card?.number, '************4242');
    const [upstream] = await webkit.sandbox.createRequests();
    assert.equal((upstream?.body as { card?: string })?.card, body.card);
  });
});
