/**
 * Script injection that respects the page's policy: the widget's own `<script>` (when loaded by
 * one) lends its CSP nonce to every script the widget adds, and its choice to pin with SRI.
 */
const own = typeof document === 'object' ? (document.currentScript as HTMLScriptElement | null) : null;

/** Where `omise-signup.js` was loaded from; sibling files (locales) are resolved against it. */
export const scriptBase: string | undefined = own?.src || undefined;

export interface InjectOptions {
  /** Applied only when the page pinned our own script with SRI, since SRI needs CORS on cross-origin hosts. */
  integrity?: string | undefined;
  /**
   * Fetch in CORS mode without credentials (`crossorigin="anonymous"`). Chromium keeps requests
   * with and without credentials on separate connections, so a script loaded this way leaves
   * behind a connection that the host's later credential-less `fetch` calls reuse instead of
   * opening their own (the sandbox's Omise.js posts its tokens so: two round trips saved at
   * submit, measured in e2e/bench). A host that sends no CORS headers refuses such a load; the
   * script is then loaded once more the plain way.
   */
  anonymous?: boolean;
}

/** Adds a classic `<script>` and settles when it loads or fails. */
export function injectScript(url: string, { integrity, anonymous }: InjectOptions = {}): Promise<void> {
  const pinned = integrity && own?.integrity ? integrity : undefined;
  const load = (cors: boolean) => add(url, pinned, cors);
  // SRI needs CORS; without it, the plain way needs nothing from the host.
  return pinned || !anonymous ? load(!!pinned) : load(true).catch(() => load(false));
}

function add(url: string, integrity: string | undefined, anonymous: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    if (own?.nonce) script.nonce = own.nonce;
    if (anonymous) script.crossOrigin = 'anonymous';
    if (integrity) script.integrity = integrity;
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      reject(new Error(`could not load ${url}`));
    };
    document.head.append(script);
  });
}
