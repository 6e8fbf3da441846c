/**
 * Script injection that respects the page's policy: the widget's own `<script>` (when loaded by
 * one) lends its CSP nonce to every script the widget adds, and its choice to pin with SRI.
 */
const own = typeof document === 'object' ? (document.currentScript as HTMLScriptElement | null) : null;

/** Where `omise-signup.js` was loaded from; sibling files (locales) are resolved against it. */
export const scriptBase: string | undefined = own?.src || undefined;

/**
 * Adds a classic `<script>` and settles when it loads or fails. `integrity` is applied only when
 * the page pinned our own script with SRI, since SRI needs CORS on cross-origin hosts.
 */
export function injectScript(url: string, integrity?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    if (own?.nonce) script.nonce = own.nonce;
    if (integrity && own?.integrity) {
      script.integrity = integrity;
      script.crossOrigin = 'anonymous';
    }
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      reject(new Error(`could not load ${url}`));
    };
    document.head.append(script);
  });
}
