import { afterEach, describe, expect, it, vi } from 'vitest';
import { th } from './i18n/th.ts';

/** Imports script.ts (and what uses it) as if `<script src=… nonce integrity>` were running it. */
async function loadedBy(attributes: Record<string, string>) {
  const own = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) own.setAttribute(name, value);
  Object.defineProperty(own, 'nonce', { value: attributes.nonce ?? '' });
  vi.spyOn(document, 'currentScript', 'get').mockReturnValue(own);
  vi.resetModules();
  return {
    script: await import('./script.ts'),
    locales: await import('./i18n/load-script.ts'),
  };
}

const added = () => document.head.querySelector('script:last-of-type') as HTMLScriptElement;

afterEach(() => {
  document.head.replaceChildren();
  delete window.OmiseSignupLocales;
});

describe('script injection', () => {
  it('lends the page’s CSP nonce and SRI choice to the scripts it adds', async () => {
    const { script } = await loadedBy({
      src: 'https://cdn.example/w/omise-signup.js',
      nonce: 'r4nd0m',
      integrity: 'sha384-abc',
    });
    await script.injectScript('https://cdn.example/omise.js', { integrity: 'sha384-xyz' });
    expect(added().nonce).toBe('r4nd0m');
    expect(added().integrity).toBe('sha384-xyz');
    expect(added().crossOrigin).toBe('anonymous');
    expect(script.scriptBase).toBe('https://cdn.example/w/omise-signup.js');
  });

  it('adds no integrity when the page did not pin the widget with SRI', async () => {
    const { script } = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js' });
    await script.injectScript('https://cdn.example/omise.js', { integrity: 'sha384-xyz' });
    expect(added().hasAttribute('integrity')).toBe(false);
    expect(added().hasAttribute('crossorigin')).toBe(false);
  });

  it('loads a script without credentials when asked, so its connection serves credential-less fetches', async () => {
    const { script } = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js' });
    await script.injectScript('https://vault.example/omise.js', { anonymous: true });
    expect(added().crossOrigin).toBe('anonymous');
    expect(added().hasAttribute('integrity')).toBe(false);
  });

  /** Added scripts fail while `refuse` says so and load otherwise; returns each one's crossorigin. */
  function hostThat(refuse: (script: HTMLScriptElement) => boolean) {
    const attempts: (string | null)[] = [];
    // Not really appended: happy-dom would report every script as loaded.
    vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
      const script = nodes[0] as HTMLScriptElement;
      attempts.push(script.getAttribute('crossorigin'));
      queueMicrotask(() => (refuse(script) ? script.onerror : script.onload)?.call(script, new Event('x')));
    });
    return attempts;
  }

  it('loads the script once more the plain way when its host refuses a load without credentials', async () => {
    const { script } = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js' });
    const attempts = hostThat((s) => s.crossOrigin === 'anonymous');
    await expect(script.injectScript('https://cdn.example/omise.js', { anonymous: true })).resolves.toBeUndefined();
    expect(attempts).toEqual(['anonymous', null]);
  });

  it('fails after the plain retry fails too, and never retries a pinned script without CORS', async () => {
    const plain = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js' });
    const attempts = hostThat(() => true);
    await expect(plain.script.injectScript('https://x.example/omise.js', { anonymous: true })).rejects.toThrow(
      'could not load https://x.example/omise.js',
    );
    expect(attempts).toEqual(['anonymous', null]);

    const pinned = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js', integrity: 'sha384-abc' });
    attempts.length = 0;
    await expect(pinned.script.injectScript('https://x.example/th.js', { integrity: 'sha384-xyz' })).rejects.toThrow();
    expect(attempts).toEqual(['anonymous']);
  });
});

describe('locale files of the script-tag build', () => {
  it('loads omise-signup.th.js from beside the bundle, pinned like the bundle', async () => {
    const { locales } = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js', integrity: 'sha384-abc' });
    // Stand in for the file running: it registers its messages.
    const loaded = locales.importLocale('th');
    expect(added().src).toBe('https://cdn.example/w/omise-signup.th.js');
    expect(added().integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
    window.OmiseSignupLocales = { th };
    await expect(loaded).resolves.toBe(th);
  });

  it('uses an already registered locale without loading anything', async () => {
    const { locales } = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js' });
    window.OmiseSignupLocales = { th };
    await expect(locales.importLocale('th')).resolves.toBe(th);
    expect(document.head.querySelector('script')).toBeNull();
  });

  it('fails when the file loads but registers nothing', async () => {
    const { locales } = await loadedBy({ src: 'https://cdn.example/w/omise-signup.js' });
    await expect(locales.importLocale('ja')).rejects.toThrow('omise-signup.ja.js did not register');
  });
});
