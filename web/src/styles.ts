/**
 * The widget's stylesheet. Merchants theme it with `--omise-signup-*` custom properties on the
 * element or any ancestor (custom properties inherit into the shadow root); the short `--x`
 * names are private. Dark colours apply under `prefers-color-scheme: dark` unless the
 * `theme` is `light`. Text colour pairs are at least 4.5:1 (WCAG 2.2 1.4.3), borders and
 * focus rings at least 3:1 (1.4.11); styles.test.ts checks every pair. Every rule is scoped under `.os-root`, so the same sheet
 * can style the light-DOM `<SignupForm>` without touching the rest of the page.
 */

/** One colour scheme: the default of each `--omise-signup-color-*` variable, plus private tints. */
export interface Palette {
  primary: string;
  text: string;
  muted: string;
  bg: string;
  field: string;
  border: string;
  error: string;
  /** Background of the error alert (private). */
  errorBg: string;
  success: string;
  /** Background of the brand badge and the result list (private). */
  soft: string;
}

/** Text on the primary colour is white in both schemes, so a merchant's brand colour works in both. */
export const ON_PRIMARY = '#fff';

export const LIGHT: Palette = {
  primary: '#1d4ed8',
  text: '#111827',
  muted: '#4b5563',
  bg: '#fff',
  field: '#fff',
  border: '#6b7280',
  error: '#b91c1c',
  errorBg: '#fef2f2',
  success: '#15803d',
  soft: '#f3f4f6',
};

export const DARK: Palette = {
  primary: '#2563eb',
  text: '#f3f4f6',
  muted: '#a8b0bd',
  bg: '#16181d',
  field: '#1f2229',
  border: '#7b8494',
  error: '#ff8a80',
  errorBg: '#2a1719',
  success: '#6ee7a0',
  soft: '#22252d',
};

const vars = (c: Palette, scheme: string) =>
  `--p:var(--omise-signup-color-primary,${c.primary});--t:var(--omise-signup-color-text,${c.text});--m:var(--omise-signup-color-muted,${c.muted});--bg:var(--omise-signup-color-bg,${c.bg});--f:var(--omise-signup-color-field,${c.field});--b:var(--omise-signup-color-border,${c.border});--e:var(--omise-signup-color-error,${c.error});--eb:${c.errorBg};--ok:var(--omise-signup-color-success,${c.success});--soft:${c.soft};color-scheme:${scheme}`;

const light = vars(LIGHT, 'light');
const dark = vars(DARK, 'dark');

const R = '.os-root';

/** The fields' rules, shared by the widget's own fields and the card fields (inline or in the card frame). */
export const fieldStyles = `${R} *{box-sizing:inherit}
${R} .os-field{display:grid;gap:6px;align-content:start}
${R} .os-label{display:flex;justify-content:space-between;gap:8px}
${R} label{font-weight:600}
${R} p{margin:0}
${R} .os-hint,${R} .os-label span{font-size:.8125em;font-weight:400;color:var(--m)}
${R} .os-control{position:relative}
${R} input{font:inherit;color:var(--t);background:var(--f);border:1px solid var(--b);border-radius:var(--r);width:100%;min-height:44px;padding:9px 12px;margin:0}
${R} input::placeholder{color:var(--m)}
${R} input:focus{outline:2px solid var(--p);outline-offset:1px;border-color:var(--p)}
${R} [aria-invalid=true]{border-color:var(--e);box-shadow:0 0 0 1px var(--e);outline-color:var(--e)}
${R} .os-error{color:var(--e);font-size:.875em}
${R} .os-error:before{content:"! ";font-weight:700}
${R} .os-brand{position:absolute;right:8px;top:50%;transform:translateY(-50%);font-size:.75em;font-weight:700;padding:2px 8px;border-radius:99px;background:var(--soft);border:1px solid var(--b)}
${R} .os-row{display:flex;flex-wrap:wrap;gap:var(--s)}
${R} .os-row>*{flex:1 1 7.5rem}
${R}.os-off :disabled{cursor:not-allowed;opacity:.6}
.os-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`;

/**
 * Around the card frame the iframe reaches 4px past the fieldset's content box on each side, so
 * focus rings inside it (2px plus a 1px gap) are not cut off; the frame pads its content by as much.
 * Its height starts at about three rows of fields and then follows what the frame reports.
 */
export const FRAME_BLEED = 4;

export const styles = `:host{all:initial;display:block!important}:host([hidden]){display:none!important}
${R}{${light};--op:var(--omise-signup-color-on-primary,${ON_PRIMARY});--r:var(--omise-signup-radius,8px);--s:var(--omise-signup-spacing,16px);box-sizing:border-box;display:block;font:var(--omise-signup-font-size,16px)/1.5 var(--omise-signup-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Thai","Noto Sans JP",sans-serif);color:var(--t);background:var(--bg);padding:var(--s);border-radius:var(--r);text-align:start}
${R}[data-theme=dark]{${dark}}
@media (prefers-color-scheme:dark){${R}:not([data-theme=light]){${dark}}}
${fieldStyles}
${R} form,${R} fieldset,${R} section{display:grid;gap:var(--s);margin:0;min-width:0}
${R} fieldset{border:1px solid var(--b);border-radius:var(--r);padding:var(--s)}
${R} legend{font-weight:700;padding:0 6px}
${R} .os-frame{display:block;border:0;margin:-${FRAME_BLEED}px;width:calc(100% + ${2 * FRAME_BLEED}px);height:calc(3 * 5.25em + 2 * var(--s));background:transparent}
${R} svg{width:1.25em;height:1.25em;flex:none;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}
${R} .os-secure{display:flex;gap:8px}
${R} button{font:inherit;font-weight:600;display:inline-flex;align-items:center;justify-content:center;gap:10px;min-height:48px;padding:10px 20px;border-radius:var(--r);border:1px solid var(--p);background:var(--p);color:var(--op);cursor:pointer;margin:0}
${R} button:focus-visible,${R} h2:focus-visible{outline:2px solid var(--p);outline-offset:3px}
${R} button:disabled{cursor:progress;opacity:.75}
${R} .os-secondary{background:none;color:var(--t);min-height:44px;justify-self:start}
${R} .os-spinner{width:1em;height:1em;border-radius:50%;border:2px solid;border-right-color:transparent;animation:os-spin .8s linear infinite}
@keyframes os-spin{to{transform:rotate(1turn)}}
${R} .os-info p{color:var(--m)}
${R} .os-info .os-on{margin-top:12px}
${R} .os-alert{display:grid;gap:12px;margin-top:var(--s);padding:12px 14px;border-radius:var(--r);background:var(--eb);border-left:4px solid var(--e)}
${R} h2{display:flex;gap:10px;align-items:center;margin:0;font-size:1.25em;line-height:1.3;outline:none}
${R} h2 svg{color:var(--ok);width:1.5em;height:1.5em}
${R} dl{display:grid;grid-template-columns:max-content 1fr;align-items:baseline;gap:8px 16px;margin:0;padding:var(--s);border-radius:var(--r);background:var(--soft)}
${R} dt{color:var(--m);font-size:.875em}
${R} dd{margin:0;overflow-wrap:anywhere;font-weight:500}
${R} .os-mono{font-family:ui-monospace,monospace;font-size:.9em}`;

let sheet: CSSStyleSheet | undefined;

/**
 * Adopts the stylesheet into a shadow root as a constructable stylesheet, so a page under a
 * strict CSP (no `style-src 'unsafe-inline'`) styles it. Browsers without constructable
 * stylesheets (Safari before 16.4) get a `<style>` element instead.
 */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = styles;
  root.prepend(style);
}
