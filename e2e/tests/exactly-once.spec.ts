import { CARDS } from '../fixtures/cards.ts';
import type { SandboxControl } from '../fixtures/sandbox-control.ts';
import { expect, test } from '../fixtures/test.ts';

/** Slows the vault so the widget stays busy long enough for the extra clicks and keys to land. */
const slowVault = (sandbox: SandboxControl) =>
  sandbox.inject({ kind: 'latency', target: 'vault', method: 'POST', path: '/tokens', ms: 400, count: -1 });

async function expectOneCustomer(sandbox: SandboxControl, email: string) {
  expect(await sandbox.tokenRequests()).toHaveLength(1);
  expect(await sandbox.createRequests()).toHaveLength(1);
  expect((await sandbox.customers()).map((c) => c.email)).toEqual([email]);
}

test.describe('one signup, however eager the shopper', () => {
  test('a double click creates exactly one customer', async ({ demo, sandbox, proxyTraffic }) => {
    await slowVault(sandbox);
    const signup = await demo.open();
    await signup.fill({ email: 'double@example.com', card: CARDS.visa });
    // Watched from inside the page: polling for the busy button from the test can miss it on a loaded machine.
    await signup.root.evaluate((host, busyText) => {
      const seen = window as unknown as { sawBusyButton: boolean };
      seen.sawBusyButton = false;
      new MutationObserver(() => {
        const button = host.shadowRoot?.querySelector('button[type="submit"]') as HTMLButtonElement | null;
        if (button?.disabled && button.textContent?.trim() === busyText) seen.sawBusyButton = true;
      }).observe(host.shadowRoot as ShadowRoot, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }, signup.messages.submitBusy);
    await signup.prepareClick(signup.submitButton);
    await signup.submitButton.dblclick();
    await signup.result();
    expect(await signup.root.evaluate(() => (window as unknown as { sawBusyButton: boolean }).sawBusyButton)).toBe(
      true,
    );
    await expectOneCustomer(sandbox, 'double@example.com');
    expect(proxyTraffic.creates()).toHaveLength(1);
  });

  test('five clicks in one go, before the button can disable, create exactly one customer', async ({
    demo,
    sandbox,
    proxyTraffic,
  }) => {
    const signup = await demo.open();
    await signup.fill({ email: 'burst@example.com', card: CARDS.visa });
    // All five land in the same task, before the widget re-renders with a disabled button.
    await signup.submitButton.evaluate((button: HTMLButtonElement) => {
      for (let i = 0; i < 5; i++) button.click();
    });
    await signup.result();
    await expectOneCustomer(sandbox, 'burst@example.com');
    expect(proxyTraffic.creates()).toHaveLength(1);
  });

  test('pressing Enter again and again creates exactly one customer', async ({ demo, sandbox, proxyTraffic }) => {
    await slowVault(sandbox);
    const signup = await demo.open();
    await signup.fill({ email: 'enter@example.com', card: CARDS.visa });
    // Focus the last field and press Enter as a person would: the keyboard, not one element, so a
    // press that lands after the result replaced the form goes to the result, as it would for real.
    await signup.field('Security code').focus();
    const keyboard = signup.root.page().keyboard;
    for (let i = 0; i < 4; i++) await keyboard.press('Enter');
    await signup.result();
    await expectOneCustomer(sandbox, 'enter@example.com');
    expect(proxyTraffic.creates()).toHaveLength(1);
  });
});
