import { describe, expect, it } from 'vitest';
import { adoptStyles, DARK, LIGHT, ON_PRIMARY, type Palette, styles } from './styles.ts';

/** WCAG 2.2 relative luminance of `#rgb` / `#rrggbb`. */
function luminance(hex: string): number {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(digits.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

// [foreground, background, what it is]
const TEXT: [keyof Palette | 'onPrimary', keyof Palette, string][] = [
  ['text', 'bg', 'body text, labels, legend'],
  ['muted', 'bg', 'hints, "Optional", secure note, info status'],
  ['error', 'bg', 'field error messages'],
  ['text', 'errorBg', 'the error alert'],
  ['text', 'field', 'typed text'],
  ['muted', 'field', 'placeholders'],
  ['text', 'soft', 'result values, brand badge'],
  ['muted', 'soft', 'result labels'],
  ['onPrimary', 'primary', 'the submit button'],
];
const UI: [keyof Palette, keyof Palette, string][] = [
  ['border', 'bg', 'field and fieldset borders'],
  ['border', 'field', 'field borders from inside'],
  ['primary', 'bg', 'focus ring and secondary button border'],
  ['error', 'bg', 'invalid field border'],
  ['success', 'bg', 'result check mark'],
];

describe.each([
  ['light', LIGHT],
  ['dark', DARK],
] as const)('%s colours', (_, palette) => {
  const colour = (key: keyof Palette | 'onPrimary') => (key === 'onPrimary' ? ON_PRIMARY : palette[key]);

  it.each(TEXT)('%s on %s (%s) is at least 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI)('%s against %s (%s) is at least 3:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(3);
  });
});

describe('stylesheet', () => {
  it('exposes every theme variable the README documents', () => {
    for (const name of ['primary', 'on-primary', 'text', 'muted', 'bg', 'field', 'border', 'error', 'success']) {
      expect(styles).toContain(`--omise-signup-color-${name}`);
    }
    for (const name of ['radius', 'spacing', 'font', 'font-size']) expect(styles).toContain(`--omise-signup-${name},`);
  });

  it('resets the host against page CSS and keeps it a block', () => {
    expect(styles).toContain(':host{all:initial;display:block!important}');
  });
});

describe('adopting the stylesheet', () => {
  it('shares one constructable stylesheet between shadow roots, adopted once each', () => {
    const [a, b] = [document.createElement('div'), document.createElement('div')].map((el) =>
      el.attachShadow({ mode: 'open' }),
    );
    if (!a || !b) throw new Error('no shadow roots');
    adoptStyles(a);
    adoptStyles(a);
    adoptStyles(b);
    expect(a.adoptedStyleSheets).toHaveLength(1);
    expect(a.adoptedStyleSheets[0]).toBe(b.adoptedStyleSheets[0]);
  });

  it('falls back to a <style> element where shadow roots cannot adopt sheets', () => {
    const old = document.createElement('div');
    const legacy = { prepend: (node: Node) => old.prepend(node) } as unknown as ShadowRoot;
    adoptStyles(legacy);
    expect(old.querySelector('style')?.textContent).toBe(styles);
  });
});
