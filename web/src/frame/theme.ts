import { THEME_KEYS, type ThemeKey, type ThemeTokens } from './protocol.ts';

/** The stylesheet's private variable behind each theme token (styles.ts). */
export const VARIABLES: Record<ThemeKey, string> = {
  text: '--t',
  muted: '--m',
  field: '--f',
  border: '--b',
  error: '--e',
  primary: '--p',
  soft: '--soft',
  radius: '--r',
  spacing: '--s',
  font: 'font-family',
  fontSize: 'font-size',
};

/**
 * The widget's theme as the frame needs it: the values its stylesheet resolved on `root`
 * (the merchant's `--omise-signup-*` variables, the light or dark defaults), as plain values.
 */
export function readTheme(root: Element): ThemeTokens {
  const style = getComputedStyle(root);
  const theme: ThemeTokens = { scheme: style.getPropertyValue('color-scheme').includes('dark') ? 'dark' : 'light' };
  for (const key of THEME_KEYS) {
    const value = style.getPropertyValue(VARIABLES[key]).trim();
    if (value) theme[key] = value;
  }
  return theme;
}
